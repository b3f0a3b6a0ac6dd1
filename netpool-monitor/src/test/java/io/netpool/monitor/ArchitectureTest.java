package io.netpool.monitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure rules of docs/architecture.md, read from the compiled main classes of every module
 * on this test's class path (core, ssh, sim, monitor): no package cycle anywhere, and module edges
 * only in the direction core &lt;- ssh &lt;- monitor, with sim depending on no netpool module.
 * netpool-bench depends on everything and nothing depends on it; Maven enforces that.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.netpool");
  }

  @Test
  void seesEveryModule() {
    // A rule over an empty or partial import would pass vacuously.
    assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
        .contains("pool", "ssh", "sim", "monitor");
  }

  @Test
  void noPackageCycleInAnyModule() {
    slices().matching("io.netpool.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void modulesDependInOneDirection() {
    ArchRule rule =
        Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core")
            .definedBy("io.netpool.pool..")
            .layer("ssh")
            .definedBy("io.netpool.ssh..")
            .layer("sim")
            .definedBy("io.netpool.sim..")
            .layer("monitor")
            .definedBy("io.netpool.monitor..")
            .whereLayer("monitor")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("ssh")
            .mayOnlyBeAccessedByLayers("monitor")
            .whereLayer("sim")
            .mayOnlyBeAccessedByLayers("monitor")
            .whereLayer("core")
            .mayOnlyBeAccessedByLayers("ssh", "monitor");
    rule.check(classes);
  }

  @Test
  void simulatorIsAnIndependentPeer() {
    noClasses()
        .that()
        .resideInAPackage("io.netpool.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netpool.pool..", "io.netpool.ssh..", "io.netpool.monitor..")
        .check(classes);
  }

  @Test
  void onlyTheDemoUsesTheSimulator() {
    noClasses()
        .that()
        .resideInAPackage("io.netpool.monitor..")
        .and()
        .resideOutsideOfPackage("io.netpool.monitor.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.netpool.sim..")
        .check(classes);
  }

  @Test
  void inventoryKnowsNoSinkAndNoZabbix() {
    noClasses()
        .that()
        .resideInAPackage("io.netpool.monitor.inventory..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netpool.monitor.sink..", "io.netpool.monitor.zabbix..")
        .check(classes);
  }
}
