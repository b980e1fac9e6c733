package org.kasbench.globeco.allocation.chaos;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The chaos suite drives the built jars as processes, killed and starved from outside: it
 * never calls the service's code in-process, which would test something other than what
 * is deployed.
 */
@AnalyzeClasses(packages = "org.kasbench.globeco.allocation.chaos")
class ChaosArchitectureTest {

	@ArchTest
	static final ArchRule onlyTheBuiltJars = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.kasbench.globeco.allocation.api..", "org.kasbench.globeco.allocation.sendjob..",
				"org.kasbench.globeco.allocation.send..", "org.kasbench.globeco.allocation.execution..")
		.because("the suite must exercise the packaged deployables, not their classes");

}
