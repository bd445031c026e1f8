package io.vigil.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layering the build enforces, so that it never depends on a wiki page. */
class ArchitectureTest {

    private static final JavaClasses VIGIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil.core", "io.vigil.ingest", "io.vigil.store", "io.vigil.sigma", "io.vigil.soc", "io.vigil.server"); // not the testkit

    @Test
    void engineModulesDoNotSeeSpring() {
        noClasses().that().resideInAnyPackage("io.vigil.core..", "io.vigil.ingest..", "io.vigil.store..", "io.vigil.sigma..",
                        "io.vigil.soc..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(VIGIL);
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.vigil.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vigil.ingest..", "io.vigil.store..", "io.vigil.server..")
                .check(VIGIL);
    }

    @Test
    void onlyTheStoreTalksSql() {
        noClasses().that().resideOutsideOfPackage("io.vigil.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
                .because("data access goes through the tenant-scoped repositories of vigil-store")
                .check(VIGIL);
    }

    @Test
    void socEngineReachesNeitherStorageNorServer() {
        noClasses().that().resideInAPackage("io.vigil.soc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vigil.ingest..", "io.vigil.store..", "io.vigil.server..")
                .because("the SOC engine is plain Java; the store implements its repositories, the server wires them")
                .check(VIGIL);
    }

    @Test
    void ingestDoesNotReachIntoStorage() {
        noClasses().that().resideInAPackage("io.vigil.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vigil.store..", "io.vigil.server..")
                .check(VIGIL);
    }

    /** Packages of vigil-store that hold the MSSP's own records rather than a tenant's data. */
    private static final Set<String> PLATFORM_STORE_PACKAGES = Set.of("io.vigil.store", "io.vigil.store.tenant",
            "io.vigil.store.apitoken", "io.vigil.store.identity", "io.vigil.store.audit", "io.vigil.store.secret",
            "io.vigil.store.platform");
    /** Methods of the pipeline interfaces a repository may implement; events and failures carry their tenant. */
    private static final Set<String> PIPELINE_METHODS = Set.of("write", "flush", "name", "record", "close");

    @Test
    void tenantDataIsReachedOnlyWithATenant() {
        methods().that().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("io.vigil.store..")
                .and().areDeclaredInClassesThat().arePublic()
                .and(new DescribedPredicate<JavaMethod>("declared by a tenant-data repository") {
                    @Override
                    public boolean test(JavaMethod method) {
                        JavaClass owner = method.getOwner();
                        return !PLATFORM_STORE_PACKAGES.contains(owner.getPackageName()) && !owner.isRecord()
                                && owner.getConstructors().stream().anyMatch(c -> c.getRawParameterTypes().stream()
                                        .anyMatch(t -> t.isEquivalentTo(javax.sql.DataSource.class)))
                                && !method.getModifiers().contains(JavaModifier.STATIC)
                                && !PIPELINE_METHODS.contains(method.getName());
                    }
                })
                .should(new ArchCondition<JavaMethod>("take the TenantId first, or say why not with @CrossTenant") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        List<JavaClass> parameters = method.getRawParameterTypes();
                        boolean scoped = !parameters.isEmpty() && parameters.getFirst().isEquivalentTo(TenantId.class);
                        if (!scoped && !method.isAnnotatedWith(CrossTenant.class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " reaches tenant data without a TenantId first parameter or @CrossTenant"));
                        }
                    }
                })
                .because("a repository query without a tenant could return another client's data")
                .check(VIGIL);
    }

    @Test
    void onlyTheStoreAndItsWiringHoldDataSources() {
        noClasses().that().resideOutsideOfPackages("io.vigil.store..")
                .and().haveSimpleNameNotEndingWith("Wiring") // configuration builds repositories from the DataSource
                .should().dependOnClassesThat().resideInAnyPackage("javax.sql..")
                .because("controllers and services reach data through the repositories, never a connection")
                .check(VIGIL);
    }
}
