package org.handshakeledger.bench.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The start-up baseline: one controller, Tomcat and the actuator, nothing else. */
@SpringBootApplication
@RestController
public class MinimalWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(MinimalWebApplication.class, args);
    }

    @GetMapping("/hello")
    public String hello() {
        return "hello";
    }
}
