package org.handshakeledger.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.handshakeledger.domain")
class DomainIsFrameworkFreeTest {
    @ArchTest
    static final ArchRule noSpringJacksonOrJpa = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.fasterxml.jackson..", "jakarta.persistence..");
}
