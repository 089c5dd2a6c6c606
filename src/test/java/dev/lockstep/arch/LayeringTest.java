package dev.lockstep.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package arrows: the packages follow the pipeline (each uses only those before it), and only
 * server/ and cli/ may import Quarkus, CDI or JAX-RS, so the core stays plain Java.
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
        .because("the core is plain Java, testable without booting Quarkus")
        .check(classes);
  }

  /**
   * The packages in pipeline order, lowest first: a package may use the ones before it, never one
   * after it. A new package takes its place here in the change that adds it.
   */
  static final List<String> LAYERS =
      List.of(
          "json", // the one JSON writer of every machine-readable output
          "model", // immutable records: resources, versions, the desired state
          "finding", // Finding, Severity, Rule: what every stage reports
          "parse", // YAML to model, with positions
          "edit", // byte-preserving scalar edits of YAML files
          "rollout", // Teleport's rollout controller as pure functions
          "validate", // Teleport, compatibility, channel and CEL policy rules
          "plan", // the simulated timeline of a revision
          "observe", // the live rollout and agent reports as targets read them, sample history
          "health", // rollout health checks: pure verdicts over the sample history
          "report", // renderers of findings
          "channel", // release-channel files of a revision
          "source", // Git: fetch, trees, signatures, status write-back
          "forge", // GitHub, GitLab and Gitea APIs: releases, pull requests, statuses
          "notify", // notifications: Slack, Teams, signed webhooks, commit statuses, plan comments
          "cluster", // targets: Kubernetes operator CRs, tctl, files
          "check", // the one revision pipeline: every finding, a verdict per cluster
          "scaffold", // repository files from a live cluster (import) or from nothing (init)
          "bump", // release discovery, version decisions, edits and their delivery
          "halt", // halting a rollout through Git: the suspend commit, hold and halt pull request
          "reconcile", // the loop of serve
          "dashboard", // serve's pages: records to HTML
          "cli", // picocli commands
          "server"); // Quarkus only

  static List<Arguments> layers() {
    return LAYERS.subList(0, LAYERS.size() - 1).stream()
        .map(layer -> Arguments.of(layer, LAYERS.subList(LAYERS.indexOf(layer) + 1, LAYERS.size())))
        .toList();
  }

  @ParameterizedTest(name = "{0} uses only the packages before it")
  @MethodSource("layers")
  void aPackageUsesOnlyThePackagesBeforeIt(String layer, List<String> later) {
    noClasses()
        .that()
        .resideInAPackage("dev.lockstep." + layer + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            later.stream().map(p -> "dev.lockstep." + p + "..").toArray(String[]::new))
        .because("packages follow the pipeline: " + String.join(" <- ", LAYERS))
        .check(classes);
  }

  @Test
  void everyPackageHasItsPlaceInTheOrder() {
    List<String> unplaced =
        classes.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.startsWith("dev.lockstep."))
            .map(p -> p.substring("dev.lockstep.".length()).split("\\.")[0])
            .distinct()
            .filter(p -> !LAYERS.contains(p))
            .sorted()
            .toList();
    org.assertj.core.api.Assertions.assertThat(unplaced)
        .as("packages missing from LayeringTest.LAYERS")
        .isEmpty();
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
