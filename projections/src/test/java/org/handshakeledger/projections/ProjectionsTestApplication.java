package org.handshakeledger.projections;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The configuration {@code @DataJpaTest} looks for, since this module has no main class. Inside a test slice
 * {@code @EnableAutoConfiguration} only contributes this package to entity and repository scanning; the slice picks
 * the auto-configurations itself, so Axon's (event store, processors, its own JPA entities) stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ProjectionsTestApplication {
}
