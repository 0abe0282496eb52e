package org.handshakeledger.app.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deadline scheduler is stopped by {@code GracefulShutdown}, before Axon stops, instead of when the
 * db-scheduler starter destroys its bean (after Axon has stopped, which let deadlines run without the views).
 */
@Configuration(proxyBeanMethods = false)
public class ShutdownConfiguration {

    /** The starter's {@code destroyMethod="stop"} would stop it a second time, which db-scheduler logs as a warning. */
    @Bean
    static BeanFactoryPostProcessor schedulerStoppedByGracefulShutdown() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(Scheduler.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                // empty, not null: no destroy method, and none inferred
                definition.setDestroyMethodName("");
            }
        };
    }
}
