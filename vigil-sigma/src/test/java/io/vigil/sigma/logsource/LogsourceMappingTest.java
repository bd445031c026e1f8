package io.vigil.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sigma.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogsourceMappingTest {

    @Test
    void shippedMappingLoadsAndCoversTheRequiredLogsources() {
        LogsourceRouter router = TestData.shippedRouter();
        assertThat(router.entryNames()).contains(
                "windows-security", "windows-system", "windows-application", "windows-sysmon", "windows-powershell",
                "windows-powershell-classic", "windows-windefend", "windows-taskscheduler", "windows-wmi",
                "windows-dns-server", "windows-bits-client", "windows-codeintegrity-operational",
                "windows-firewall-as", "sysmon-process-creation", "sysmon-registry-set", "sysmon-file-delete",
                "security-process-creation", "powershell-script", "powershell-module", "powershell-classic-start",
                "aws-cloudtrail", "okta", "azure-signinlogs", "azure-auditlogs", "gcp-audit", "m365-audit",
                "linux-auditd", "zeek-rdp", "webserver", "proxy");
    }

    @Test
    void rejectsABadFileWithEveryProblemAndItsLocation() {
        String yaml = """
                version: 2
                entries:
                  - name: a
                    logsource: {product: windows, colour: blue}
                    when:
                      EventID: {between: [1, 2]}
                  - name: a
                    logsource: {service: x}
                    sources: [x]
                  - logsource: {}
                    when:
                      Channel: {exists: maybe}
                      Image: {endswith: ''}
                    renames: {Image: Image}
                  - name: no-tests
                    logsource: {category: c}
                    when:
                      Channel: Security
                      Channel: System
                """;
        assertThatThrownBy(() -> LogsourceRouter.load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bad.yml"))
                .isInstanceOfSatisfying(LogsourceMappingException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::location).containsExactlyInAnyOrder(
                            "version",
                            "entries[0] (a).logsource.colour",
                            "entries[0] (a).when.EventID.between",
                            "entries[1].name",
                            "entries[2].name",
                            "entries[2].logsource",
                            "entries[2].when.Channel.exists",
                            "entries[2].when.Image.endswith",
                            "entries[2].renames.Image",
                            "entries[3] (no-tests).when.Channel");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isPresent());
                    assertThat(e.getMessage()).contains("bad.yml", "10 problem(s)", "unknown key", "duplicate");
                });
    }

    @Test
    void rejectsInvalidYamlAndTheWrongTopLevelShape() {
        assertThatThrownBy(() -> LogsourceRouter.load(new ByteArrayInputStream("[1, 2".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(LogsourceMappingException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(
                                p -> assertThat(p.message()).startsWith("invalid YAML")));
        assertThatThrownBy(() -> LogsourceRouter.load(new ByteArrayInputStream("- a\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(LogsourceMappingException.class);
    }
}
