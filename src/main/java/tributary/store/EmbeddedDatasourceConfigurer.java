package tributary.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;

/** Points the default datasource at the embedded MariaDB when no datasources.default.url is configured. */
@Singleton
public class EmbeddedDatasourceConfigurer implements BeanInitializedEventListener<DatasourceConfiguration> {

    private final BeanProvider<EmbeddedMariaDb> embedded;

    public EmbeddedDatasourceConfigurer(BeanProvider<EmbeddedMariaDb> embedded) {
        this.embedded = embedded;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if ("default".equals(datasource.getName()) && isBlank(datasource.getConfiguredUrl())) {
            datasource.setUrl(embedded.get().jdbcUrl());
            if (isBlank(datasource.getConfiguredUsername())) {
                datasource.setUsername("root");
            }
            if (datasource.getConfiguredPassword() == null) {
                datasource.setPassword("");
            }
        }
        return datasource;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
