package org.handshakeledger;

import org.handshakeledger.app.operator.OfflineRebuild;
import org.handshakeledger.app.operator.OfflineRebuildStartup;
import org.handshakeledger.app.operator.OfflineRestoreStartup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** The handshake ledger. In the base package so that scanning reaches the domain and projection modules. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HandshakeLedgerApplication {
    public static void main(String[] args) {
        ConfigurableApplicationContext context;
        try {
            context = SpringApplication.run(HandshakeLedgerApplication.class, args);
        } catch (OfflineRestoreStartup.Restored restored) {
            // offline restore (ledger.restore): done before any application context existed; nothing else to run
            System.exit(OfflineRestoreStartup.RESTORED);
            return;
        }
        if (OfflineRebuildStartup.requested(context.getEnvironment())) {
            // offline rebuild (ledger.rebuild): started without a web server; it exits when the views are rebuilt
            int exitCode = context.getBean(OfflineRebuild.class).run(System.out);
            System.exit(SpringApplication.exit(context, () -> exitCode));
        }
    }
}
