package org.handshakeledger.app.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.handshakeledger.app.subscription.KafkaEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The Kafka publisher's processor: an event it failed to publish is retried, never logged and skipped. */
@Configuration
@Profile("kafka")
public class KafkaPublisherConfiguration {
    @Bean
    ConfigurerModule kafkaPublisherRetries() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
