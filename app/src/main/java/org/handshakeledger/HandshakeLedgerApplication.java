package org.handshakeledger;

import org.handshakeledger.app.operator.OfflineRebuild;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** The handshake ledger. In the base package so that scanning reaches the domain and projection modules. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HandshakeLedgerApplication {
    public static void main(String[] args) {
        if (!OfflineRebuild.requested(args)) {
            SpringApplication.run(HandshakeLedgerApplication.class, args);
            return;
        }
        String unknown = OfflineRebuild.unknownViewIn(args);
        if (unknown != null) {
            System.err.println(unknown);
            System.exit(OfflineRebuild.UNKNOWN_VIEW);
        }
        // offline rebuild: the whole application but no web server; it exits when the views are rebuilt
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HandshakeLedgerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
        int exitCode = context.getBean(OfflineRebuild.class).run(System.out);
        System.exit(SpringApplication.exit(context, () -> exitCode));
    }
}
