package org.openvpp.world;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The line between the service and the simulated world, held by the compiled classes of every
 * module on this class path (all but the benchmarks): the service knows the world only through its
 * interfaces, so nothing but the simulation (and the world and its evaluation, which are built on
 * it) may depend on the simulator; the service and its HTTP face know nothing of the world; and of
 * the world, only its launchers (which start the service beside it) know the service's code.
 */
class ArchitectureTest {
  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.openvpp");

  @Test
  void onlyTheSimulationAndTheWorldDependOnTheSimulator() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.openvpp.sim..", "org.openvpp.world..", "org.openvpp.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.openvpp.sim..")
        .because(
            "the service knows the world only through the device protocol, meter data,"
                + " OpenADR, prices and its API")
        .check(ALL);
  }

  @Test
  void theServiceAndItsFaceKnowNothingOfTheWorld() {
    noClasses()
        .that()
        .resideInAnyPackage("org.openvpp.service..", "org.openvpp.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.openvpp.world..")
        .check(ALL);
  }

  @Test
  void ofTheWorldOnlyItsLaunchersKnowTheServicesCode() {
    noClasses()
        .that()
        .resideInAPackage("org.openvpp.world..")
        .and()
        .resideOutsideOfPackage("org.openvpp.world.launch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.openvpp.service..", "org.openvpp.server..")
        .because("the world talks to the service only over the broker and HTTP")
        .check(ALL);
  }

  @Test
  void theClassesWereFound() {
    // a rule over no classes passes whatever it says: make sure the import saw every module
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("org.openvpp.sim.fleet"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("org.openvpp.service")).isTrue();
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("org.openvpp.server.http"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(ALL.containPackage("org.openvpp.world.cloud"))
        .isTrue();
  }
}
