package org.handshakeledger.app.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

/**
 * The Spring Data repositories are created when first used (spring.data.jpa.repositories.bootstrap-mode=lazy), which
 * takes parsing and checking their queries out of the start-up. This creates them right after the start, on a thread
 * of its own, so that the first requests seldom wait for it; a request that needs a repository before then creates it
 * itself, and a failure there fails that request as it would have failed the start.
 */
@Component
class RepositoryWarmUp implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(RepositoryWarmUp.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread warmUp = new Thread(() -> {
            long start = System.nanoTime();
            try {
                int repositories = event.getApplicationContext().getBeansOfType(Repository.class).size();
                log.debug("{} repositories ready after {} ms", repositories, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                if (event.getApplicationContext().isActive()) {
                    log.warn("A repository could not be created; the first request that needs it will fail", e);
                }
            }
        }, "repository-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
