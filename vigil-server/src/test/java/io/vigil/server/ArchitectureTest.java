package io.vigil.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering the build enforces, so that it never depends on a wiki page. */
class ArchitectureTest {

    private static final JavaClasses VIGIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil.core", "io.vigil.ingest", "io.vigil.store", "io.vigil.sigma", "io.vigil.server"); // not the testkit

    @Test
    void engineModulesDoNotSeeSpring() {
        noClasses().that().resideInAnyPackage("io.vigil.core..", "io.vigil.ingest..", "io.vigil.store..", "io.vigil.sigma..")
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
    void ingestDoesNotReachIntoStorage() {
        noClasses().that().resideInAPackage("io.vigil.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vigil.store..", "io.vigil.server..")
                .check(VIGIL);
    }
}
