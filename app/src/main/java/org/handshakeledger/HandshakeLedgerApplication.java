package org.handshakeledger;

import org.handshakeledger.app.importer.CloudTrailImport;
import org.handshakeledger.app.importer.CloudTrailImportStartup;
import org.handshakeledger.app.operator.OfflineRebuild;
import org.handshakeledger.app.operator.OfflineRebuildStartup;
import org.handshakeledger.app.observability.StartupReport;
import org.handshakeledger.app.operator.OfflineRestoreStartup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.repository.Repository;

/**
 * The handshake ledger. In the base package so that scanning reaches the domain and projection modules. The
 * auto-configurations it excludes would only cost start-up time: nothing here uses XStream (Axon serializes with
 * Jackson), WebSockets, HTTP clients, JTA, SQL init scripts (Flyway owns the schema), Spring Data's web support,
 * Axon's update check (turned off in application.yml) or a general-purpose Bean Validation validator (only the
 * ledger.* options are validated, by Spring Boot's binder), and the requests are timed per operation
 * (ledger.requests), not per repository call.
 */
@SpringBootApplication(excludeName = {
    "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration",
    "org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration",
    "org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration",
    "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
    "org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration",
    "org.springframework.boot.autoconfigure.data.web.SpringDataWebAutoConfiguration",
    "org.springframework.boot.autoconfigure.transaction.jta.JtaAutoConfiguration",
    "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.data.RepositoryMetricsAutoConfiguration",
    "org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration",
    "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration"})
@ConfigurationPropertiesScan
public class HandshakeLedgerApplication {
    /** System property of the build's class-data sharing training run: start, get ready, stop. */
    static final String CLASS_DATA_SHARING_TRAINING_RUN = "ledger.class-data-sharing.training-run";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(HandshakeLedgerApplication.class);
        StartupReport.install(application);
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        } catch (OfflineRestoreStartup.Restored restored) {
            // offline restore (ledger.restore): done before any application context existed; nothing else to run
            System.exit(OfflineRestoreStartup.RESTORED);
            return;
        }
        if (Boolean.getBoolean(CLASS_DATA_SHARING_TRAINING_RUN)) {
            // the build's training run (app/pom.xml): started and ready; the repositories are created at once so that
            // their classes are archived too, then it stops and the JVM writes the archive
            context.getBeansOfType(Repository.class);
            System.exit(SpringApplication.exit(context));
        }
        if (OfflineRebuildStartup.requested(context.getEnvironment())) {
            // offline rebuild (ledger.rebuild): started without a web server; it exits when the views are rebuilt
            int exitCode = context.getBean(OfflineRebuild.class).run(System.out);
            System.exit(SpringApplication.exit(context, () -> exitCode));
        }
        if (CloudTrailImportStartup.requested(context.getEnvironment())) {
            // CloudTrail import (ledger.import.cloudtrail): started without a web server; it exits when imported
            int exitCode = context.getBean(CloudTrailImport.class).run(System.out);
            System.exit(SpringApplication.exit(context, () -> exitCode));
        }
    }
}
