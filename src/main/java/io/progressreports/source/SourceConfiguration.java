package io.progressreports.source;

import com.zaxxer.hikari.HikariDataSource;
import io.progressreports.settings.ReportsProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The source: read only, often a replica. Connections are marked read-only so a mistake cannot write. */
@Configuration(proxyBeanMethods = false)
public class SourceConfiguration {

    @Bean(destroyMethod = "close")
    @Lazy
    HikariDataSource sourceDataSource(ReportsProperties properties) {
        return DataSources.pool("source", properties.source(), true);
    }

    @Bean
    @Lazy
    SourceCatalog sourceCatalog(@Qualifier("sourceDataSource") javax.sql.DataSource sourceDataSource) {
        return new SourceCatalog(sourceDataSource);
    }
}
