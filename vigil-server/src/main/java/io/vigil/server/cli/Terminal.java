package io.vigil.server.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the CLI talks to a person at a terminal, so that it may draw progress. */
final class Terminal {

    private Terminal() {
    }

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // Since JDK 22 System.console() may return a console even when redirected; Console.isTerminal() (22+)
        // tells. Looked up reflectively because the code is compiled for Java 21.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
