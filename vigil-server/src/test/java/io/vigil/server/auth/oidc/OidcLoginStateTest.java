package io.vigil.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OidcLoginStateTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private final OidcLoginState logins = new OidcLoginState(clock, Duration.ofMinutes(5), 3);

    @Test
    void givesBackAStartedLoginOnceOnly() {
        var started = logins.start("corp", "/console", null);

        var pending = logins.take(started.state().getValue(), "corp", started.browserKey());
        assertThat(pending.nonce()).isEqualTo(started.pending().nonce());
        assertThat(pending.returnPath()).isEqualTo("/console");
        assertThatThrownBy(() -> logins.take(started.state().getValue(), "corp", started.browserKey()))
                .isInstanceOf(OidcLoginFailure.class).hasMessageContaining("unknown or already used");
    }

    @Test
    void refusesAnExpiredLogin() {
        var started = logins.start("corp", "/", null);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatThrownBy(() -> logins.take(started.state().getValue(), "corp", started.browserKey()))
                .isInstanceOf(OidcLoginFailure.class).hasMessageContaining("longer than 300 s");
    }

    @Test
    void refusesACallbackFromAnotherBrowserOrForAnotherProvider() {
        var started = logins.start("corp", "/", null);
        var other = logins.start("corp", "/", null);

        assertThatThrownBy(() -> logins.take(started.state().getValue(), "corp", other.browserKey()))
                .hasMessageContaining("another browser");
        var again = logins.start("corp", "/", null);
        assertThatThrownBy(() -> logins.take(again.state().getValue(), "partner", again.browserKey()))
                .hasMessageContaining("another identity provider");
        assertThatThrownBy(() -> logins.take(null, "corp", other.browserKey())).hasMessageContaining("unknown");
    }

    @Test
    void reusesTheBrowsersKeySoThatTwoTabsCanBothFinish() {
        var first = logins.start("corp", "/", null);
        var second = logins.start("corp", "/b", first.browserKey());

        assertThat(second.browserKey()).isEqualTo(first.browserKey());
        assertThat(logins.take(first.state().getValue(), "corp", first.browserKey()).returnPath()).isEqualTo("/");
        assertThat(logins.take(second.state().getValue(), "corp", first.browserKey()).returnPath()).isEqualTo("/b");
    }

    @Test
    void boundsThePendingLoginsAndSweepsExpiredOnes() {
        for (int i = 0; i < 3; i++) {
            logins.start("corp", "/", null);
        }
        assertThatThrownBy(() -> logins.start("corp", "/", null)).isInstanceOf(OidcLoginFailure.class)
                .satisfies(e -> assertThat(((OidcLoginFailure) e).reason()).isEqualTo(OidcLoginFailure.Reason.UNAVAILABLE));

        clock.advance(Duration.ofMinutes(6));
        logins.start("corp", "/", null);
        assertThat(logins.size()).isEqualTo(1);
    }
}
