package io.vigil.server.hunt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small rules and events for the hunt tests, written into a temporary folder. */
final class HuntTestRules {

    static final String WHOAMI_ID = "11111111-1111-4111-8111-111111111111";
    static final String PING_ID = "22222222-2222-4222-8222-222222222222";
    static final String ADMIN_ID = "33333333-3333-4333-8333-333333333333";

    static final String WHOAMI = """
            title: Whoami Execution
            id: 11111111-1111-4111-8111-111111111111
            status: test
            level: high
            author: Vigil tests
            tags: [attack.discovery, attack.t1033]
            logsource: {category: process_creation, product: windows}
            detection:
              selection:
                Image|endswith: '\\whoami.exe'
              condition: selection
            """;

    static final String PING = """
            title: Ping "Sweep", quoted
            id: 22222222-2222-4222-8222-222222222222
            status: experimental
            level: low
            author: Vigil tests
            tags: [attack.t1018, attack.t1690]
            logsource: {category: process_creation, product: windows}
            detection:
              selection:
                CommandLine|contains: 'ping '
              condition: selection
            """;

    static final String ADMIN_PLACEHOLDER = """
            title: Admin Account Logon
            id: 33333333-3333-4333-8333-333333333333
            status: stable
            level: medium
            author: Vigil tests
            logsource: {product: windows, service: security}
            detection:
              selection:
                TargetUserName|expand: '%admins%'
              condition: selection
            """;

    static final String BROKEN = """
            title: Broken
            id: not-a-uuid
            level: severe
            logsource: {product: windows}
            detection:
              selection:
                Image|bogus: x
              condition: selection and missing
            """;

    static final String WHOAMI_EVENT = "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2024-05-01T10:00:00Z\"}}},"
            + "\"EventData\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\",\"CommandLine\":\"whoami /all\"}}}";
    static final String PING_EVENT = "{\"@timestamp\":\"2024-05-01T10:01:00Z\",\"Image\":\"C:\\\\Windows\\\\System32\\\\PING.EXE\","
            + "\"CommandLine\":\"ping 10.0.0.1\"}";
    static final String BENIGN_EVENT = "{\"Event\":{\"System\":{\"EventID\":1},\"EventData\":{\"Image\":\"C:\\\\Windows\\\\notepad.exe\","
            + "\"CommandLine\":\"notepad.exe report.txt\"}}}";
    static final String ADMIN_EVENT = "{\"Event\":{\"System\":{\"EventID\":4624,\"Channel\":\"Security\"},"
            + "\"EventData\":{\"TargetUserName\":\"adm-alice\"}}}";

    private HuntTestRules() {
    }

    static Path write(Path folder, String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** whoami (high, test) and ping (low, experimental) rules in {@code folder/rules}. */
    static Path rules(Path folder) throws IOException {
        write(folder, "rules/whoami.yml", WHOAMI);
        write(folder, "rules/nested/ping.yaml", PING);
        write(folder, "rules/README.md", "not a rule");
        return folder.resolve("rules");
    }
}
