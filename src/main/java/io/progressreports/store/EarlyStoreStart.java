package io.progressreports.store;

import io.progressreports.ReportsProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Begins opening the store as soon as Spring knows the settings, before it builds any bean, so that the embedded
 * server starts and the schema is migrated while Spring builds the beans that do not need the store.
 */
public final class EarlyStoreStart implements ApplicationContextInitializer<GenericApplicationContext> {

    @Override
    public void initialize(GenericApplicationContext context) {
        ReportsProperties properties;
        try {
            properties = Binder.get(context.getEnvironment()).bindOrCreate("reports", ReportsProperties.class);
        } catch (RuntimeException e) {
            // Settings that do not bind: the application's own binding reports them, as without this start.
            return;
        }
        StoreStartup startup = StoreStartup.begin(properties.store());
        String name = StoreStartup.class.getName();
        context.getBeanFactory().registerSingleton(name, startup);
        context.getDefaultListableBeanFactory().registerDisposableBean(name, startup::closeUnclaimed);
    }
}
