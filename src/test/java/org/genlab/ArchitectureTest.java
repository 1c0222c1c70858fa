package org.genlab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Layering: the model ({@code core}) and the background machinery ({@code compute}) stay
 * free of any GUI toolkit so they run headless (tests, CLI) and results reach the UI only
 * through an injected {@code Executor}.
 */
@AnalyzeClasses(packages = "org.genlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule coreAndComputeUseNoGuiToolkit = noClasses()
            .that().resideInAnyPackage("org.genlab.core..", "org.genlab.compute..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
            .because("the model and the compute layer must run headless; the UI passes Platform::runLater in");

    @ArchTest
    static final ArchRule coreDependsOnNoOuterLayer = noClasses()
            .that().resideInAPackage("org.genlab.core..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.genlab.compute..", "org.genlab.ui..", "org.genlab.app..")
            .because("core is the innermost layer");

    @ArchTest
    static final ArchRule computeDependsOnNoUi = noClasses()
            .that().resideInAPackage("org.genlab.compute..")
            .should().dependOnClassesThat().resideInAnyPackage("org.genlab.ui..", "org.genlab.app..")
            .because("compute delivers to the UI through an injected Executor, never by calling it");
}
