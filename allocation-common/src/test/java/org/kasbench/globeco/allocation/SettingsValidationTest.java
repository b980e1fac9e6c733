package org.kasbench.globeco.allocation;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kasbench.globeco.allocation.database.DatabaseBounds;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings a deployable cannot work with stop its start: each is named by its
 * property, with the reason, by Bean Validation on the {@code @ConfigurationProperties}
 * records. Spring Boot's failure report (the API) and {@code WorkerExit} (the worker)
 * print these.
 */
class SettingsValidationTest {

	private static final String EXEC = "allocation.cli.mode=exec";

	private static final String SH = "allocation.cli.command=sh -c true";

	@TempDir
	Path files;

	@Test
	void theDefaultDockerModeWithoutADockerClientIsRefused() {
		assertThat(violations("PATH=/nonexistent/bin"))
			.containsExactly("allocation.cli.docker.executable: is not an executable file or on the PATH"
					+ " (in Kubernetes, set allocation.cli.mode=kubernetes)");
	}

	@Test
	void dockerModeFindsTheClientOnThePathOrByItsPath(@TempDir Path bin) throws Exception {
		Path docker = Files.createFile(bin.resolve("docker"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

		assertThat(violations("PATH=/nonexistent:" + bin)).isEmpty();
		assertThat(violations("PATH=", "allocation.cli.docker.executable=" + docker)).isEmpty();
		assertThat(violations("PATH=" + bin, "allocation.cli.docker.image= "))
			.containsExactly("allocation.cli.docker.image: must be set with allocation.cli.mode=docker");
	}

	@Test
	void theDefaultsFitEachOther() {
		assertThat(violations(EXEC, SH)).isEmpty();
	}

	@Test
	void aLeaseNoLongerThanTheSocketTimeoutIsRefused() {
		assertThat(violations(EXEC, SH, "allocation.send.lease=45s")).containsExactly(
				"allocation.send.lease: must be longer than allocation.db.socket-timeout (45s, in whole seconds),"
						+ " the longest database wait");
		assertThat(violations(EXEC, SH, "allocation.send.lease=45s", "allocation.db.socket-timeout=44100ms"))
			.as("the driver rounds the socket timeout up to whole seconds")
			.singleElement()
			.asString()
			.startsWith("allocation.send.lease: must be longer than allocation.db.socket-timeout (45s");
	}

	@Test
	void databaseWaitsOutOfOrderAreRefusedOnTheLongerOne() {
		assertThat(violations(EXEC, SH, "allocation.db.idle-in-transaction-timeout=20s"))
			.containsExactly("allocation.db.lock-timeout: must be longer than allocation.db.idle-in-transaction-timeout"
					+ " (20s): the waits grow idle-in-transaction < lock < statement < socket (in whole seconds)");
		assertThat(violations(EXEC, SH, "allocation.db.statement-timeout=50s")).singleElement()
			.asString()
			.startsWith("allocation.db.socket-timeout: must be longer than allocation.db.statement-timeout (50s)");
	}

	@Test
	void aDatabaseWaitOfZeroIsRefused() {
		assertThat(violations(EXEC, SH, "allocation.db.tcp-user-timeout=0s", "allocation.db.send-pool-size=0"))
			.containsExactlyInAnyOrder("allocation.db.tcp-user-timeout: must be longer than or equal to 1 milli",
					"allocation.db.send-pool-size: must be greater than or equal to 1");
	}

	@Test
	void execModeNeedsACommandWhoseProgramExists() {
		assertThat(violations(EXEC))
			.containsExactly("allocation.cli.command: must be set with allocation.cli.mode=exec");
		assertThat(violations(EXEC, "allocation.cli.command=no-such-cli process --file {file}")).containsExactly(
				"allocation.cli.command: names a program 'no-such-cli' that is not an executable file or on the PATH");
	}

	@Test
	void kubernetesModeNeedsANamespaceAnImageAndAClaim() {
		assertThat(violations("allocation.cli.mode=kubernetes"))
			.containsExactly("allocation.cli.kubernetes.namespace: must be set when not running in a pod: the Jobs of"
					+ " allocation.cli.mode=kubernetes need a namespace");
		assertThat(violations(podNamespace("globeco"), "allocation.cli.mode=kubernetes"))
			.as("the pod's own namespace will do")
			.isEmpty();
		assertThat(violations("allocation.cli.mode=kubernetes", "allocation.cli.kubernetes.namespace=globeco",
				"allocation.cli.kubernetes.image= ", "allocation.cli.kubernetes.pvc-name="))
			.containsExactlyInAnyOrder(
					"allocation.cli.kubernetes.image: must be set with allocation.cli.mode=kubernetes",
					"allocation.cli.kubernetes.pvc-name: must be set with allocation.cli.mode=kubernetes");
	}

	@Test
	void theKubernetesLauncherNeedsAWorkerImageAndANamespace() {
		assertThat(violations(EXEC, SH, "allocation.send.launcher=kubernetes", "allocation.send.worker.image="))
			.containsExactlyInAnyOrder(
					"allocation.send.worker.image: must be set with allocation.send.launcher=kubernetes",
					"allocation.send.worker.namespace: must be set when not running in a pod: the Jobs of"
							+ " allocation.send.launcher=kubernetes need a namespace");
		assertThat(violations(podNamespace("globeco"), EXEC, SH, "allocation.send.launcher=kubernetes")).isEmpty();
	}

	@Test
	void theFilesDirectoryMustBeWritable() throws Exception {
		// root writes anywhere it may chmod, but not into /proc; anyone else gets a
		// read-only directory
		boolean root = "root".equals(System.getProperty("user.name"));
		Path readOnly = root ? Path.of("/proc") : files;
		if (!root) {
			Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("r-xr-xr-x"));
		}
		try {
			assertThat(violations(EXEC, SH, "allocation.files.dir=" + readOnly))
				.containsExactly("allocation.files.dir: is not writable by this process");
		}
		finally {
			Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aFilesDirectoryThatIsAFileIsRefusedAndAMissingOneIsCreated() throws Exception {
		Path file = Files.writeString(files.resolve("not-a-directory"), "x");
		Path missing = files.resolve("a/b");

		assertThat(violations(EXEC, SH, "allocation.files.dir=" + file))
			.containsExactly("allocation.files.dir: does not exist and cannot be created");
		assertThat(violations(EXEC, SH, "allocation.files.dir=" + missing)).isEmpty();
		assertThat(missing).isDirectory();
	}

	@Test
	void badNumbersAreNamed() {
		assertThat(violations(EXEC, SH, "allocation.send.batch-id=0", "allocation.send.chunk-size=0",
				"allocation.send.claim-slice-size=-1", "allocation.send.retry-backoff=-1s"))
			.containsExactlyInAnyOrder("allocation.send.batch-id: must be greater than 0",
					"allocation.send.chunk-size: must be greater than 0",
					"allocation.send.claim-slice-size: must be greater than 0",
					"allocation.send.retry-backoff: must be longer than or equal to 0");
		assertThat(violations(EXEC, SH, "allocation.cli.timeout=0s"))
			.containsExactly("allocation.cli.timeout: must be longer than or equal to 1 milli");
		assertThat(violations(EXEC, SH, "allocation.send.lease=200ms"))
			.contains("allocation.send.lease: must be longer than or equal to 300 millis");
	}

	@Test
	void badNumbersOfTheKubernetesJobsAreNamed() {
		assertThat(violations(EXEC, SH, "allocation.send.attention-after-attempts=0",
				"allocation.send.worker.api-retries=0", "allocation.send.worker.run-as-user=0",
				"allocation.send.worker.backoff-limit=-1", "allocation.send.worker.timeout=0s"))
			.containsExactlyInAnyOrder("allocation.send.attention-after-attempts: must be greater than 0",
					"allocation.send.worker.api-retries: must be greater than 0",
					"allocation.send.worker.run-as-user: must be greater than 0",
					"allocation.send.worker.backoff-limit: must be greater than or equal to 0",
					"allocation.send.worker.timeout: must be longer than or equal to 1 milli");
		assertThat(violations(EXEC, SH, "allocation.cli.kubernetes.api-retries=0",
				"allocation.cli.kubernetes.run-as-user=0", "allocation.cli.kubernetes.backoff-limit=-1",
				"allocation.cli.kubernetes.ttl-after-finished=-1s"))
			.containsExactlyInAnyOrder("allocation.cli.kubernetes.api-retries: must be greater than 0",
					"allocation.cli.kubernetes.run-as-user: must be greater than 0",
					"allocation.cli.kubernetes.backoff-limit: must be greater than or equal to 0",
					"allocation.cli.kubernetes.ttl-after-finished: must be longer than or equal to 0");
	}

	@Test
	void theRetryBackoffMayNotExceedItsMaximum() {
		assertThat(violations(EXEC, SH, "allocation.send.retry-backoff=20m")).containsExactly(
				"allocation.send.retry-backoff-max: must be at least allocation.send.retry-backoff (1200s)");
	}

	private static final String POD_NAMESPACE = "test.pod-namespace=";

	private static String podNamespace(String namespace) {
		return POD_NAMESPACE + namespace;
	}

	/**
	 * Every setting that stops the start, as {@code property: reason}; none when it
	 * starts. The PATH is the machine's unless given; {@code test.pod-namespace} plays
	 * the namespace of the pod the deployable runs in.
	 */
	private List<String> violations(String... settings) {
		List<String> all = new ArrayList<>(List.of("PATH=/usr/bin:/bin", "allocation.files.dir=" + files));
		all.addAll(List.of(settings));
		List<String> found = new ArrayList<>();
		new ApplicationContextRunner().withUserConfiguration(Settings.class)
			.withPropertyValues(all.toArray(String[]::new))
			.run(context -> {
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					if (cause instanceof BindValidationException invalid) {
						invalid.getValidationErrors()
							.getAllErrors()
							.forEach(error -> found.add(invalid.getValidationErrors().getName() + "."
									+ DataObjectPropertyName.toDashedForm(((FieldError) error).getField()) + ": "
									+ error.getDefaultMessage()));
						return;
					}
				}
				assertThat(context).hasNotFailed();
			});
		return found;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ CliProperties.class, FilesProperties.class, SendProperties.class,
			DatabaseBounds.class })
	static class Settings {

		/** The client the deployables use, with the namespace the pod would give it. */
		@Bean(destroyMethod = "close")
		KubernetesClient kubernetesClient(org.springframework.core.env.Environment environment) {
			Config config = new ConfigBuilder(Config.empty())
				.withNamespace(environment.getProperty(POD_NAMESPACE.substring(0, POD_NAMESPACE.length() - 1)))
				.build();
			return new KubernetesClientBuilder().withConfig(config).build();
		}

	}

}
