package org.handshakeledger.app.config;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console's stylesheet and script, served from the jar (no CDN, so the console works offline). They are
 * mapped ahead of the controllers because the AWS endpoint answers every other path with
 * {@code UnknownOperationException}; Spring Boot's own static mappings are off
 * ({@code spring.web.resources.add-mappings}), so nothing else is served from the class path.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/**")
                .addResourceLocations("classpath:/console/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
        registry.setOrder(Ordered.HIGHEST_PRECEDENCE);
    }
}
