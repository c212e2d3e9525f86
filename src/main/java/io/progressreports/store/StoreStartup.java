package io.progressreports.store;

import io.progressreports.Background;
import io.progressreports.ReportsProperties;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The store being opened on a thread of its own: starting an embedded server and migrating the schema take about
 * half a second, which the second core spends while Spring builds the rest of the application on the first.
 */
public final class StoreStartup {

    private final ReportsProperties.Store settings;
    private final Background<StoreServer> opening;
    private final AtomicBoolean claimed = new AtomicBoolean();

    private StoreStartup(ReportsProperties.Store settings, Background<StoreServer> opening) {
        this.settings = settings;
        this.opening = opening;
    }

    public static StoreStartup begin(ReportsProperties.Store settings) {
        return new StoreStartup(settings, Background.start("store-startup", () -> StoreServer.open(settings)));
    }

    /**
     * The open store, for the caller to own and close, once it is ready.
     *
     * @throws RuntimeException what opening it threw
     */
    public StoreServer claim(ReportsProperties.Store expected) {
        if (!settings.equals(expected)) {
            throw new IllegalStateException("the store was opened with " + settings + ", not " + expected);
        }
        claimed.set(true);
        return opening.join();
    }

    /** For an application that failed before it claimed the store: closes it once it is open. */
    public void closeUnclaimed() {
        if (claimed.getAndSet(true)) {
            return;
        }
        try {
            opening.join().close();
        } catch (RuntimeException e) {
            // Opening it failed, so there is nothing to close; the application's own failure is the one to report.
        }
    }
}
