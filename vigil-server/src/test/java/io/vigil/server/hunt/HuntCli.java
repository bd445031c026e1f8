package io.vigil.server.hunt;

import io.vigil.server.cli.VigilCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the CLI in-process, as an analyst would, and captures what it prints. */
final class HuntCli {

    record Run(int exit, String out, String err) {
    }

    private HuntCli() {
    }

    static Run vigil(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        CommandLine cli = VigilCli.commandLine(strings); // as main() builds it
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(strings);
        return new Run(exit, out.toString(), err.toString());
    }

    /** $VIGIL_SHARED_DATA (set by the root pom's surefire config), else ../../shared/data. */
    static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        Path relative = Path.of("..", "..", "shared", "data");
        if (Files.isDirectory(relative)) {
            return relative.normalize();
        }
        throw new IllegalStateException("shared data not found: set VIGIL_SHARED_DATA");
    }
}
