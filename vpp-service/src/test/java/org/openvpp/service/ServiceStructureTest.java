package org.openvpp.service;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's parts depend on each other without cycles, so each can be read, tested and (the
 * per-device ones) partitioned on its own. The rule that nothing here depends on the simulator is
 * checked where the simulator is on the class path (vpp-world's architecture test); here it cannot
 * even compile.
 */
class ServiceStructureTest {
  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.openvpp.service");

  @Test
  void theServicesPartsDependOnEachOtherWithoutCycles() {
    slices().matching("org.openvpp.service.(*)..").should().beFreeOfCycles().check(SERVICE);
  }
}
