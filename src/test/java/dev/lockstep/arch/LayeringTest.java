package dev.lockstep.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * design.md: only server/ and cli/ may import Quarkus, CDI or JAX-RS; the core stays plain Java.
 */
class LayeringTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lockstep");
  }

  @Test
  void onlyServerAndCliDependOnQuarkusCdiOrJaxRs() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.lockstep.server..", "dev.lockstep.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta.enterprise..",
            "jakarta.inject..",
            "jakarta.ws.rs..",
            "io.smallrye.config..",
            "org.eclipse.microprofile..")
        .because("the core is plain Java, testable without booting Quarkus (design.md)")
        .check(classes);
  }

  @Test
  void theModelDependsOnNothingElseOfLockstep() {
    noClasses()
        .that()
        .resideInAPackage("dev.lockstep.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.lockstep.parse..",
            "dev.lockstep.validate..",
            "dev.lockstep.rollout..",
            "dev.lockstep.plan..",
            "dev.lockstep.report..",
            "dev.lockstep.source..",
            "dev.lockstep.cluster..",
            "dev.lockstep.reconcile..",
            "dev.lockstep.cli..",
            "dev.lockstep.server..")
        .check(classes);
  }

  @Test
  void theCoreNeverCallsSystemExit() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.lockstep.cli..", "dev.lockstep.server..")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(classes);
  }
}
