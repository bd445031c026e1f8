package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginRateLimitIT extends AuthTestSupport {

    static final FakeClock CLOCK = FakeClock.at("2025-03-01T10:00:00Z");

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.auth.login-attempts-per-minute", () -> "3");
    }

    @Test
    void answers429WithRetryAfterBeyondTheRateAndRefillsOverTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(login(Map.of("login", "nobody", "password", "wrong password")).status()).isEqualTo(401);
        }
        Answer limited = login(Map.of("login", "nobody", "password", "wrong password"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("error").asText()).isEqualTo("too_many_requests");
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("20");

        CLOCK.advance(Duration.ofSeconds(20));
        assertThat(login(Map.of("login", "nobody", "password", "wrong password")).status()).isEqualTo(401);
        assertThat(login(Map.of("login", "nobody", "password", "wrong password")).status()).isEqualTo(429);
    }
}
