package org.handshakeledger.app.config;

import java.util.List;

import org.handshakeledger.app.auth.ConsoleSignIn;
import org.handshakeledger.app.auth.DirectoryAccount;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security guards the web console, and only the console: a sign-in with an access key of the accounts file
 * ({@link ConsoleSignIn}), a session kept in an {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to
 * {@code /console} ({@code server.servlet.session.cookie.*} in application.yml), CSRF tokens on every form, and
 * the roles of the accounts file as authorities. The AWS endpoint and {@code /ledger} authenticate every request
 * by its SigV4 signature and keep no session; Spring Security's filter is not even registered for them. A context
 * without a web server (the benchmark's seeder) has no console, and its request matchers could not be built.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class ConsoleSecurityConfiguration {
    static final String CONSOLE = "/console";

    @Bean
    SecurityFilterChain console(HttpSecurity http, ConsoleSignIn signIn) throws Exception {
        return http.securityMatcher(CONSOLE + "/**")
                .authenticationProvider(signIn)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(CONSOLE + "/sign-in", CONSOLE + "/assets/**", CONSOLE + "/denied")
                        .permitAll()
                        .requestMatchers(CONSOLE + "/projections/**").hasAuthority(DirectoryAccount.OPERATOR)
                        .requestMatchers(CONSOLE + "/mirror").hasAnyAuthority(DirectoryAccount.AUDITOR,
                                DirectoryAccount.OPERATOR)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(CONSOLE + "/sign-in")
                        .usernameParameter("accessKeyId")
                        .passwordParameter("secretAccessKey")
                        .defaultSuccessUrl(CONSOLE + "/", false)
                        .failureUrl(CONSOLE + "/sign-in?refused"))
                .logout(logout -> logout.logoutUrl(CONSOLE + "/sign-out")
                        .logoutSuccessUrl(CONSOLE + "/sign-in?signed-out"))
                .exceptionHandling(errors -> errors.accessDeniedPage(CONSOLE + "/denied"))
                .headers(headers -> headers
                        // everything the pages use comes from the jar: no CDN, no inline script
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
                                + "base-uri 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Registers Spring Security's filter for {@code /console} only. Registered for every path, as Spring Boot does,
     * its firewall would also judge the AWS endpoint's and {@code /ledger}'s requests, which answer malformed input
     * with the errors AWS clients expect.
     */
    @Bean
    static BeanPostProcessor consoleOnlySecurityFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(beanName)) {
                    registration.setUrlPatterns(List.of(CONSOLE + "/*"));
                }
                return bean;
            }
        };
    }
}
