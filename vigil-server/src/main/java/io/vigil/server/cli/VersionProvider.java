package io.vigil.server.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (set by the build), or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VigilCli.class.getPackage().getImplementationVersion();
        return new String[] {"vigil " + (version == null ? "development" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
