package org.handshakeledger.app.config;

import org.handshakeledger.projections.rebuild.ShadowTables;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lets the threads of a rebuild write the views' shadow tables through the very same JPA mappings. */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    @Bean
    HibernatePropertiesCustomizer shadowTableRouting() {
        return properties -> properties.put(AvailableSettings.STATEMENT_INSPECTOR, new ShadowTables());
    }
}
