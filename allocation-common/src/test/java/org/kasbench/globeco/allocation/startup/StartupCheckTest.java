package org.kasbench.globeco.allocation.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kasbench.globeco.allocation.database.DatabaseBounds;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up check: each mode and what it needs, named by setting and environment
 * variable, on one line.
 */
class StartupCheckTest {

	@TempDir
	Path files;

	@Test
	void theDefaultDockerModeWithoutADockerClientIsRefusedWithAOneLineReason() {
		StartupCheck check = check(Map.of(), "/nonexistent/bin", null);

		assertThatThrownBy(check::verify).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("allocation.cli.mode=docker")
			.hasMessageContaining("ALLOCATION_CLI_DOCKER_EXECUTABLE")
			.hasMessageContaining("ALLOCATION_CLI_MODE=kubernetes")
			.hasMessageNotContaining("\n")
			.satisfies(e -> assertThat(((InvalidConfigurationException) e).getExitCode()).isEqualTo(2));
	}

	@Test
	void dockerModeFindsTheClientOnThePath(@TempDir Path bin) throws Exception {
		Path docker = Files.createFile(bin.resolve("docker"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		assertThat(docker).isExecutable();

		assertThat(check(Map.of(), "/nonexistent:" + bin, null).problems()).isEmpty();
		assertThat(check(Map.of("allocation.cli.docker.executable", docker.toString()), "", null).problems()).isEmpty();
	}

	@Test
	void theDefaultDatabaseBoundsFitTheDefaultLease() {
		assertThat(check(Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh"), "/usr/bin:/bin", null)
			.problems()).isEmpty();
	}

	@Test
	void aDatabaseWaitAsLongAsTheLeaseIsRefused() {
		assertThat(check(
				Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh", "allocation.send.lease", "40s"),
				"/usr/bin:/bin", null)
			.problems()).singleElement()
			.asString()
			.contains(
					"ALLOCATION_DB_SOCKETTIMEOUT, whole seconds, PT45S) < allocation.send.lease (ALLOCATION_SEND_LEASE, PT40S)");
	}

	@Test
	void aLockWaitThatGivesUpBeforeAVanishedHoldersLockIsFreedIsRefused() {
		assertThat(check(Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh",
				"allocation.db.idle-in-transaction-timeout", "20s"), "/usr/bin:/bin", null)
			.problems()).singleElement().asString().contains("ALLOCATION_DB_IDLEINTRANSACTIONTIMEOUT");
		assertThat(check(Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh",
				"allocation.db.statement-timeout", "50s"), "/usr/bin:/bin", null)
			.problems()).singleElement().asString().contains("ALLOCATION_DB_STATEMENTTIMEOUT");
	}

	@Test
	void execModeNeedsACommandWhoseProgramExists() {
		assertThat(check(Map.of("allocation.cli.mode", "exec"), "/usr/bin:/bin", null).problems())
			.containsExactly("allocation.cli.mode=exec needs allocation.cli.command (ALLOCATION_CLI_COMMAND)");
		assertThat(check(
				Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "no-such-cli process --file {file}"),
				"/usr/bin:/bin", null)
			.problems()).singleElement().asString().contains("'no-such-cli'");
		assertThat(check(Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh -c true"), "/usr/bin:/bin",
				null)
			.problems()).isEmpty();
	}

	@Test
	void kubernetesModeNeedsANamespaceAnImageAndAClaim() {
		assertThat(check(Map.of("allocation.cli.mode", "kubernetes"), "", null).problems()).singleElement()
			.asString()
			.contains("ALLOCATION_CLI_KUBERNETES_NAMESPACE");
		assertThat(check(Map.of("allocation.cli.mode", "kubernetes"), "", "globeco").problems())
			.as("the pod's own namespace will do")
			.isEmpty();
		assertThat(check(Map.of("allocation.cli.mode", "kubernetes", "allocation.cli.kubernetes.namespace", "globeco",
				"allocation.cli.kubernetes.image", " ", "allocation.cli.kubernetes.pvc-name", ""), "", null)
			.problems()).hasSize(2)
			.anySatisfy(p -> assertThat(p).contains("ALLOCATION_CLI_KUBERNETES_IMAGE"))
			.anySatisfy(p -> assertThat(p).contains("ALLOCATION_CLI_KUBERNETES_PVCNAME"));
	}

	@Test
	void theKubernetesLauncherNeedsAWorkerImageAndANamespace() {
		Map<String, String> settings = Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh",
				"allocation.send.launcher", "kubernetes", "allocation.send.worker.image", "");
		assertThat(check(settings, "/usr/bin:/bin", null).problems()).hasSize(2)
			.anySatisfy(p -> assertThat(p).contains("ALLOCATION_SEND_WORKER_IMAGE"))
			.anySatisfy(p -> assertThat(p).contains("allocation.send.launcher=kubernetes needs a namespace"));
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
			assertThat(check(Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh"), "/usr/bin:/bin",
					null, readOnly)
				.problems())
				.containsExactly("the files directory " + readOnly
						+ " is not writable by this process (allocation.files.dir, ALLOCATION_FILES_DIR)");
		}
		finally {
			Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aFilesDirectoryThatIsAFileIsRefusedAndAMissingOneIsCreated() throws Exception {
		Path file = Files.writeString(files.resolve("not-a-directory"), "x");
		Map<String, String> exec = Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh");

		assertThat(check(exec, "/usr/bin:/bin", null, file).problems()).singleElement()
			.asString()
			.contains("the files directory " + file + " does not exist and cannot be created");
		Path missing = files.resolve("a/b");
		assertThat(check(exec, "/usr/bin:/bin", null, missing).problems()).isEmpty();
		assertThat(missing).isDirectory();
	}

	@Test
	void badNumbersAreNamed() {
		Map<String, String> settings = Map.of("allocation.cli.mode", "exec", "allocation.cli.command", "sh",
				"allocation.send.batch-id", "0", "allocation.send.chunk-size", "0", "allocation.cli.timeout", "0s");
		assertThat(String.join("; ", check(settings, "/usr/bin:/bin", null).problems()))
			.contains("ALLOCATION_SEND_BATCHID")
			.contains("ALLOCATION_SEND_CHUNKSIZE")
			.contains("ALLOCATION_CLI_TIMEOUT");
	}

	private StartupCheck check(Map<String, String> settings, String path, String clusterNamespace) {
		return check(settings, path, clusterNamespace, files);
	}

	private static StartupCheck check(Map<String, String> settings, String path, String clusterNamespace,
			Path filesDir) {
		Map<String, String> all = new HashMap<>(settings);
		all.putIfAbsent("allocation.files.dir", filesDir.toString());
		Binder binder = new Binder(new MapConfigurationPropertySource(all));
		return new StartupCheck(binder.bindOrCreate("allocation.cli", CliProperties.class),
				binder.bindOrCreate("allocation.files", FilesProperties.class),
				binder.bindOrCreate("allocation.send", SendProperties.class),
				binder.bindOrCreate("allocation.db", DatabaseBounds.class), () -> clusterNamespace, path);
	}

}
