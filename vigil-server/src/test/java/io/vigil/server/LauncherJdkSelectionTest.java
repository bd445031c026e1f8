package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's JDK discovery (.ci/jdk.sh), exercised by its own script against fake JDKs, so that
 * "./vigil picks a JDK >= 21 or says clearly why it cannot" is part of every test run.
 */
class LauncherJdkSelectionTest {

    @Test
    void launcherFindsAJdkOf21OrNewerAndExplainsWhenThereIsNone() throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process process = new ProcessBuilder("bash", root.resolve(".ci/test-jdk.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.strip().lines().reduce((first, second) -> second).orElse("")).endsWith(" 0 failed");
    }
}
