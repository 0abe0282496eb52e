package org.handshakeledger.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.handshakeledger.app.web.LedgerEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package boundaries of {@code app}, as the README's "Where things live" table describes them. A failure names
 * the offending dependency; move the class or the code rather than widen the rule.
 */
@AnalyzeClasses(packages = "org.handshakeledger", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {
    private static final String APP = "org.handshakeledger.app.";
    private static final String AWS_API = APP + "awsjson..";
    private static final String[] LEDGER_ENDPOINTS = {APP + "auditor..", APP + "operator..", APP + "subscription..",
        APP + "pointintime.."};

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("org.handshakeledger.app.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule awsApiDoesNotReachIntoLedgerEndpoints = noClasses().that().resideInAPackage(AWS_API)
            .should().dependOnClassesThat().resideInAnyPackage(LEDGER_ENDPOINTS);

    /** Handshake events are published in the AWS API's own shapes; nothing else of that endpoint is shared. */
    @ArchTest
    static final ArchRule ledgerEndpointsUseOnlyTheAwsWireShapes = noClasses().that()
            .resideInAnyPackage(LEDGER_ENDPOINTS).should().dependOnClassesThat(
                    DescribedPredicate.describe("AWS endpoint internals",
                            c -> c.getPackageName().startsWith(APP + "awsjson")
                                    && !c.getPackageName().equals(APP + "awsjson.wire")
                                    && !c.getName().equals(APP + "awsjson.AwsJson")));

    @ArchTest
    static final ArchRule ledgerEndpointsAreAnsweredByTheOneErrorContract = classes().that()
            .resideInAnyPackage(LEDGER_ENDPOINTS).or().resideInAPackage(APP + "web..").and()
            .areAnnotatedWith(RestController.class).should().beAnnotatedWith(LedgerEndpoint.class);

    @ArchTest
    static final ArchRule onlyConfigWiresInfrastructure = classes().that().areAnnotatedWith(Configuration.class)
            .should().resideInAPackage(APP + "config");

    @ArchTest
    static final ArchRule beansAreDeclaredInConfig = methods().that().areAnnotatedWith(Bean.class)
            .should().beDeclaredInClassesThat().resideInAPackage(APP + "config");

    @ArchTest
    static final ArchRule storeAndAuthDependOnNoFeature = noClasses().that()
            .resideInAnyPackage(APP + "store..", APP + "auth..")
            .should().dependOnClassesThat().resideInAnyPackage(AWS_API, APP + "auditor..", APP + "operator..",
                    APP + "subscription..", APP + "web..", APP + "gateway..");

    @ArchTest
    static final ArchRule projectionsKnowNothingOfTheApp = noClasses().that()
            .resideInAnyPackage("org.handshakeledger.projections..", "org.handshakeledger.domain..")
            .should().dependOnClassesThat().resideInAPackage("org.handshakeledger.app..");
}
