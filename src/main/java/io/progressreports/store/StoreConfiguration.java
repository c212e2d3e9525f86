package io.progressreports.store;

import com.zaxxer.hikari.HikariDataSource;
import io.progressreports.settings.ReportsProperties;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

/**
 * The store: Spring Batch's metadata and the daily aggregates in one PostgreSQL, so a chunk's aggregates and
 * its step's restart state commit in one transaction. Spring Boot's batch auto-configuration builds the job
 * repository and operator on the beans marked {@link BatchDataSource} and {@link BatchTransactionManager}; the rest
 * of its settings are in application.properties (spring.batch.*).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean(destroyMethod = "close")
    StoreServer storeServer(ReportsProperties properties) {
        return StoreServer.open(properties.store());
    }

    /** Closed by its server. */
    @Bean(destroyMethod = "")
    @Primary
    @BatchDataSource
    HikariDataSource storeDataSource(StoreServer storeServer) {
        return storeServer.dataSource();
    }

    @Bean
    @Primary
    @BatchTransactionManager
    JdbcTransactionManager storeTransactionManager(DataSource storeDataSource) {
        return new JdbcTransactionManager(storeDataSource);
    }

    @Bean
    @Primary
    JdbcTemplate storeJdbcTemplate(DataSource storeDataSource) {
        return new JdbcTemplate(storeDataSource);
    }
}
