package org.kasbench.globeco.allocation;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The domain knows nothing of HTTP, JSON or SQL, and nothing of the layers built on it
 * (the send job's steps depend on the domain, never the other way); steps do not call
 * back up into the job's configuration; no package cycles.
 */
@AnalyzeClasses(packages = "org.kasbench.globeco.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule domainIsFreeOfInfrastructure = noClasses().that()
		.resideInAPackage("..domain..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.springframework.web..",
				"org.springframework.http..", "jakarta.servlet..", "tools.jackson..", "com.fasterxml.jackson..",
				"org.springframework.batch..", "io.fabric8..", "org.flywaydb..")
		.because("the domain must stay free of transport and storage concerns");

	@ArchTest
	static final ArchRule domainDependsOnNoOuterLayer = noClasses().that()
		.resideInAPackage("..domain..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..persistence..", "..api..", "..sendjob..", "org.kasbench.globeco.allocation.send",
				"org.kasbench.globeco.allocation.send.cli..", "org.kasbench.globeco.allocation.send.job..",
				"org.kasbench.globeco.allocation.send.kubernetes..", "org.kasbench.globeco.allocation.send.launch..");

	@ArchTest
	static final ArchRule persistenceIsNotReachedAroundTheDomain = noClasses().that()
		.resideOutsideOfPackages("..persistence..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..persistence..")
		.because("callers use the repository interfaces of the domain");

	@ArchTest
	static final ArchRule stepsDoNotCallBackIntoTheJobConfiguration = noClasses().that()
		.resideInAPackage("..send.job..")
		.and()
		.doNotHaveFullyQualifiedName("org.kasbench.globeco.allocation.send.job.SendJobConfiguration")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.kasbench.globeco.allocation.send.job.SendJobConfiguration")
		.because("steps hand their results on through the execution contexts (AttemptResults)");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("org.kasbench.globeco.allocation.(**)")
		.should()
		.beFreeOfCycles();

}
