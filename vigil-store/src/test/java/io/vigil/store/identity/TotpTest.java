package io.vigil.store.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.vigil.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void base32OfTheRfcSeed() {
        assertThat(Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII))).isEqualTo(RFC_SECRET);
        assertThat(Totp.base32Decode(RFC_SECRET)).isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.base32Decode("not base32!")).isNull();
    }

    // RFC 6238 appendix B (SHA-1): the 8-digit values' last 6 digits are the 6-digit codes.
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void acceptsTheRfc6238Vectors(long epochSeconds, String code) {
        Totp totp = new Totp(new FakeClock(Instant.ofEpochSecond(epochSeconds)));

        OptionalLong step = totp.verify(RFC_SECRET, code, null);

        assertThat(step).hasValue(epochSeconds / 30);
    }

    @Test
    void acceptsOneStepEitherSideButNotTwo() throws Exception {
        FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
        Totp totp = new Totp(clock);
        String secret = Totp.newSecret();
        String code = code(secret, clock.instant());
        long step = totp.currentStep();

        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(secret, code, null)).hasValue(step);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(secret, code, null)).isEmpty();
        clock.set(Instant.parse("2025-03-01T09:59:30Z"));
        assertThat(totp.verify(secret, code, null)).hasValue(step);
        clock.set(Instant.parse("2025-03-01T09:59:00Z"));
        assertThat(totp.verify(secret, code, null)).isEmpty();
    }

    @Test
    void rejectsAStepAtOrBeforeTheLastUsedOne() throws Exception {
        FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
        Totp totp = new Totp(clock);
        String secret = Totp.newSecret();
        String code = code(secret, clock.instant());
        long step = totp.currentStep();

        assertThat(totp.verify(secret, code, step - 1)).hasValue(step);
        assertThat(totp.verify(secret, code, step)).isEmpty();
        assertThat(totp.verify(secret, code, step + 1)).isEmpty();
    }

    @Test
    void rejectsMalformedCodes() {
        Totp totp = new Totp(FakeClock.at("2025-03-01T10:00:00Z"));
        for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", "12 34 5x"}) {
            assertThat(totp.verify(RFC_SECRET, bad, null)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void uriNamesIssuerAccountAndParameters() {
        assertThat(Totp.uri("Vigil SOC", "alice@example.com", RFC_SECRET)).isEqualTo(
                "otpauth://totp/Vigil%20SOC:alice%40example.com?secret=" + RFC_SECRET
                        + "&issuer=Vigil%20SOC&algorithm=SHA1&digits=6&period=30");
    }

    static String code(String secret, Instant at) throws Exception {
        return new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                .generateOneTimePasswordString(new SecretKeySpec(Totp.base32Decode(secret), "HmacSHA1"), at);
    }
}
