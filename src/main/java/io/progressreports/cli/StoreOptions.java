package io.progressreports.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the store is: for every command that uses one. */
class StoreOptions {

    @Option(names = "--store-url", paramLabel = "URL", description = "Store PostgreSQL (default: embedded, see "
            + "--store-dir). Password from REPORTS_STORE_PASSWORD, a file named by REPORTS_STORE_PASSWORD_FILE, "
            + "or the URL.")
    String storeUrl;

    @Option(names = "--store-user", paramLabel = "USER", description = "Store role (default: the URL's).")
    String storeUser;

    @Option(names = "--store-dir", paramLabel = "DIR", description = "Data folder of the embedded store (default: "
            + "~/.progress-reports/store).")
    Path storeDir;

    /**
     * Spring with these settings, creating only the beans a command asks for: history needs no source, and check
     * turns each part that cannot be created into a finding of its own. These commands only read a store, so an
     * embedded one must exist already.
     */
    SpringSettings settings() {
        return addTo(new SpringSettings()).put("spring.main.lazy-initialization", true)
                .put("reports.store.must-exist", true);
    }

    SpringSettings addTo(SpringSettings settings) {
        return settings.put("reports.store.url", storeUrl)
                .put("reports.store.user", storeUser)
                .put("reports.store.dir", storeDir);
    }
}
