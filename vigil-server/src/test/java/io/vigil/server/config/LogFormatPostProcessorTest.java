package io.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatPostProcessorTest {

    @Test
    void jsonFormatSwitchesConsoleLoggingToStructuredEcs() {
        MockEnvironment environment = new MockEnvironment().withProperty("vigil.server.log-format", "json");
        new LogFormatPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void textFormatLeavesLoggingAlone() {
        MockEnvironment environment = new MockEnvironment();
        new LogFormatPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }
}
