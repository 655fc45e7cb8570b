package dev.oktaprov.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core's layers as CONTRIBUTING.md lists them ("Layers of the core"), held on the compiled
 * classes: each layer is used only by the layers above it, and no two packages use each other.
 */
class LayersTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.oktaprov");

    @Test
    void eachLayerIsUsedOnlyByTheLayersAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("errors").definedBy("dev.oktaprov.errors")
                .layer("time").definedBy("dev.oktaprov.time")
                .layer("config").definedBy("dev.oktaprov.config")
                .layer("ratelimit").definedBy("dev.oktaprov.ratelimit")
                .layer("okta").definedBy("dev.oktaprov.okta..")
                .layer("aws").definedBy("dev.oktaprov.aws")
                .layer("credentials").definedBy("dev.oktaprov.credentials")
                .layer("provisioning").definedBy("dev.oktaprov.provisioning")
                .layer("runtime").definedBy("dev.oktaprov.runtime")
                .layer("entrypoints").definedBy("dev.oktaprov.entrypoints..")
                .whereLayer("entrypoints").mayNotBeAccessedByAnyLayer()
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("entrypoints")
                .whereLayer("provisioning").mayOnlyBeAccessedByLayers("runtime", "entrypoints")
                .whereLayer("credentials").mayOnlyBeAccessedByLayers("runtime", "entrypoints")
                .whereLayer("aws").mayOnlyBeAccessedByLayers("credentials", "runtime", "entrypoints")
                .whereLayer("okta").mayOnlyBeAccessedByLayers("credentials", "provisioning", "runtime", "entrypoints")
                .whereLayer("ratelimit").mayOnlyBeAccessedByLayers("okta", "aws", "credentials", "provisioning", "runtime",
                        "entrypoints")
                .check(CORE);
    }

    @Test
    void theOktaClientAndTheUseCasesKnowNothingOfLambdaOrAws() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAnyPackage("dev.oktaprov.okta..", "dev.oktaprov.provisioning", "dev.oktaprov.ratelimit",
                        "dev.oktaprov.time", "dev.oktaprov.errors", "dev.oktaprov.config")
                .should().dependOnClassesThat().resideInAnyPackage("com.amazonaws..", "software.amazon..",
                        "dev.oktaprov.aws", "dev.oktaprov.runtime", "dev.oktaprov.entrypoints..")
                .check(CORE);
    }

    @Test
    void noTwoPackagesUseEachOther() {
        slices().matching("dev.oktaprov.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
