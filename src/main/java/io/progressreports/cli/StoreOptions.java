package io.progressreports.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the store is, for the commands that only read or check it. */
class StoreOptions {

    @Option(names = "--store-url", paramLabel = "URL", description = "Store PostgreSQL (default: embedded, see "
            + "--store-dir). Password from REPORTS_STORE_PASSWORD or the URL.")
    String storeUrl;

    @Option(names = "--store-dir", paramLabel = "DIR", description = "Data folder of the embedded store (default: "
            + "~/.progress-reports/store).")
    Path storeDir;

    /**
     * Spring with these settings, creating only the beans a command asks for: history needs no source, and check
     * turns each part that cannot be created into a finding of its own.
     */
    SpringSettings settings() {
        return new SpringSettings()
                .put("reports.store.url", storeUrl)
                .put("reports.store.dir", storeDir)
                .put("spring.main.lazy-initialization", true);
    }
}
