package org.handshakeledger;

import org.handshakeledger.app.operator.OfflineRebuild;
import org.handshakeledger.app.operator.OfflineRebuildStartup;
import org.handshakeledger.app.observability.StartupReport;
import org.handshakeledger.app.operator.OfflineRestoreStartup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The handshake ledger. In the base package so that scanning reaches the domain and projection modules. The
 * auto-configurations it excludes would only cost start-up time: nothing here uses XStream (Axon serializes with
 * Jackson), WebSockets, HTTP clients, JTA, SQL init scripts (Flyway owns the schema) or Spring Data's web support,
 * and the requests are timed per operation (ledger.requests), not per repository call.
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
    "org.springframework.boot.actuate.autoconfigure.metrics.data.RepositoryMetricsAutoConfiguration"})
@ConfigurationPropertiesScan
public class HandshakeLedgerApplication {
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
        } catch (AbandonedRunException trainingRun) {
            // -Dspring.context.exit=onRefresh: the build's class-data sharing training run (app/pom.xml) stops here
            if (trainingRun.getApplicationContext() != null) {
                trainingRun.getApplicationContext().close();
            }
            System.exit(0);
            return;
        }
        if (OfflineRebuildStartup.requested(context.getEnvironment())) {
            // offline rebuild (ledger.rebuild): started without a web server; it exits when the views are rebuilt
            int exitCode = context.getBean(OfflineRebuild.class).run(System.out);
            System.exit(SpringApplication.exit(context, () -> exitCode));
        }
    }
}
