package io.progressreports.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (Maven writes it), so --version never starts Spring. */
public class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"progress-reports " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version()};
    }
}
