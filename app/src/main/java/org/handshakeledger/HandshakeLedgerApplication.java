package org.handshakeledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The handshake ledger. In the base package so that scanning reaches the domain and projection modules. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HandshakeLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(HandshakeLedgerApplication.class, args);
    }
}
