package io.progressreports.store;

import com.zaxxer.hikari.HikariDataSource;
import io.progressreports.ReportsProperties;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.annotation.Isolation;

import javax.sql.DataSource;

/**
 * The store: Spring Batch's metadata and the daily aggregates in one PostgreSQL, so a chunk's aggregates and
 * its step's restart state commit in one transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing(transactionManagerRef = "storeTransactionManager")
// Spring Batch creates job executions SERIALIZABLE by default, to keep two launches of one job instance apart;
// RunLock already does that (and job_key is unique), while two different jobs created at the same instant failed
// with "could not serialize access" (PostgreSQL's predicate locks cover the same index pages).
@EnableJdbcJobRepository(dataSourceRef = "storeDataSource", transactionManagerRef = "storeTransactionManager",
        isolationLevelForCreate = Isolation.READ_COMMITTED)
public class StoreConfiguration {

    /** Opened by {@link EarlyStoreStart} when the CLI started this application, else here. */
    @Bean(destroyMethod = "close")
    StoreServer storeServer(ReportsProperties properties, ObjectProvider<StoreStartup> startedEarly) {
        StoreStartup startup = startedEarly.getIfAvailable();
        return startup == null ? StoreServer.open(properties.store()) : startup.claim(properties.store());
    }

    /** Closed by its server. */
    @Bean(destroyMethod = "")
    @Primary
    HikariDataSource storeDataSource(StoreServer storeServer) {
        return storeServer.dataSource();
    }

    @Bean
    @Primary
    JdbcTransactionManager storeTransactionManager(DataSource storeDataSource) {
        return new JdbcTransactionManager(storeDataSource);
    }

    @Bean
    @Primary
    JdbcTemplate storeJdbcTemplate(DataSource storeDataSource) {
        return new JdbcTemplate(storeDataSource);
    }
}
