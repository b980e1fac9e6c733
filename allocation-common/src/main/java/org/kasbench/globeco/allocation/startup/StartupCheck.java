package org.kasbench.globeco.allocation.startup;

import io.fabric8.kubernetes.client.Config;
import org.kasbench.globeco.allocation.database.DatabaseBounds;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a deployable needs before it can do any work, checked from its settings alone: the
 * CLI mode and what that mode needs (exec: a command that exists; docker: a docker client
 * and an image; kubernetes: an image, a claim and a namespace), the Kubernetes launcher's
 * worker image and namespace, and a files directory this process can write. Each problem
 * is one short sentence naming the setting and its environment variable.
 */
public final class StartupCheck {

	private final CliProperties cli;

	private final FilesProperties files;

	private final SendProperties send;

	private final DatabaseBounds database;

	private final Supplier<String> clusterNamespace;

	private final String path;

	StartupCheck(CliProperties cli, FilesProperties files, SendProperties send, DatabaseBounds database,
			Supplier<String> clusterNamespace, String path) {
		this.cli = cli;
		this.files = files;
		this.send = send;
		this.database = database;
		this.clusterNamespace = clusterNamespace;
		this.path = path == null ? "" : path;
	}

	/**
	 * The check for the settings in this environment, with the namespace a Kubernetes
	 * client would find.
	 */
	public static StartupCheck of(Environment environment) {
		Binder binder = Binder.get(environment);
		return new StartupCheck(binder.bindOrCreate("allocation.cli", CliProperties.class),
				binder.bindOrCreate("allocation.files", FilesProperties.class),
				binder.bindOrCreate("allocation.send", SendProperties.class),
				binder.bindOrCreate("allocation.db", DatabaseBounds.class),
				StartupCheck::namespaceOfThisPodOrKubeconfig, System.getenv("PATH"));
	}

	/**
	 * Throws when the deployable cannot work; every problem found, joined on one line.
	 */
	public void verify() {
		List<String> problems = problems();
		if (!problems.isEmpty()) {
			throw new InvalidConfigurationException(String.join("; ", problems));
		}
	}

	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		switch (cli.mode()) {
			case EXEC -> {
				if (blank(cli.command())) {
					problems.add("allocation.cli.mode=exec needs allocation.cli.command (ALLOCATION_CLI_COMMAND)");
				}
				else {
					String program = cli.command().trim().split("\\s+")[0];
					if (!runnable(program)) {
						problems
							.add("the CLI command's program '" + program + "' is not an executable file or on the PATH"
									+ " (allocation.cli.command, ALLOCATION_CLI_COMMAND)");
					}
				}
			}
			case DOCKER -> {
				if (!runnable(cli.docker().executable())) {
					problems.add("allocation.cli.mode=docker but the docker client '" + cli.docker().executable()
							+ "' is not an executable file or on the PATH (allocation.cli.docker.executable,"
							+ " ALLOCATION_CLI_DOCKER_EXECUTABLE); in Kubernetes set ALLOCATION_CLI_MODE=kubernetes");
				}
				if (blank(cli.docker().image())) {
					problems.add(
							"allocation.cli.mode=docker needs allocation.cli.docker.image (ALLOCATION_CLI_DOCKER_IMAGE)");
				}
			}
			case KUBERNETES -> {
				if (blank(cli.kubernetes().image())) {
					problems.add(
							"allocation.cli.mode=kubernetes needs allocation.cli.kubernetes.image (ALLOCATION_CLI_KUBERNETES_IMAGE)");
				}
				if (blank(cli.kubernetes().pvcName())) {
					problems.add(
							"allocation.cli.mode=kubernetes needs allocation.cli.kubernetes.pvc-name (ALLOCATION_CLI_KUBERNETES_PVCNAME)");
				}
				namespaceProblem("allocation.cli.mode=kubernetes", cli.kubernetes().namespace(),
						"allocation.cli.kubernetes.namespace (ALLOCATION_CLI_KUBERNETES_NAMESPACE)")
					.ifPresent(problems::add);
			}
		}
		if (!cli.timeout().isPositive()) {
			problems.add("allocation.cli.timeout (ALLOCATION_CLI_TIMEOUT) must be positive, not " + cli.timeout());
		}
		if (send.launcher() == SendProperties.Launcher.KUBERNETES) {
			if (blank(send.worker().image())) {
				problems.add(
						"allocation.send.launcher=kubernetes needs allocation.send.worker.image (ALLOCATION_SEND_WORKER_IMAGE)");
			}
			namespaceProblem("allocation.send.launcher=kubernetes", send.worker().namespace(),
					"allocation.send.worker.namespace (ALLOCATION_SEND_WORKER_NAMESPACE)")
				.ifPresent(problems::add);
		}
		if (send.batchId() != null && send.batchId() <= 0) {
			problems.add("allocation.send.batch-id (ALLOCATION_SEND_BATCHID) must be a positive batch id, not "
					+ send.batchId());
		}
		if (send.chunkSize() <= 0) {
			problems.add(
					"allocation.send.chunk-size (ALLOCATION_SEND_CHUNKSIZE) must be positive, not " + send.chunkSize());
		}
		if (send.lease().toMillis() < 300) {
			problems.add("allocation.send.lease (ALLOCATION_SEND_LEASE) must be at least 300ms, not " + send.lease());
		}
		if (send.claimSliceSize() <= 0) {
			problems.add("allocation.send.claim-slice-size (ALLOCATION_SEND_CLAIMSLICESIZE) must be positive, not "
					+ send.claimSliceSize());
		}
		problems.addAll(database.problemsUnder(send.lease()));
		if (send.retryBackoff().isNegative() || send.retryBackoffMax().compareTo(send.retryBackoff()) < 0) {
			problems.add("allocation.send.retry-backoff (ALLOCATION_SEND_RETRYBACKOFF) must be zero or more and at most"
					+ " allocation.send.retry-backoff-max (ALLOCATION_SEND_RETRYBACKOFFMAX)");
		}
		filesProblem().ifPresent(problems::add);
		return problems;
	}

	private Optional<String> namespaceProblem(String what, String namespace, String setting) {
		if (!blank(namespace) || !blank(clusterNamespace.get())) {
			return Optional.empty();
		}
		return Optional.of(what + " needs a namespace: set " + setting + " or run in a pod");
	}

	/** The directory exists (or can be made) and this process can create a file in it. */
	private Optional<String> filesProblem() {
		Path dir = files.dir();
		String setting = " (allocation.files.dir, ALLOCATION_FILES_DIR)";
		try {
			Files.createDirectories(dir);
		}
		catch (IOException | RuntimeException e) {
			return Optional.of("the files directory " + dir + " does not exist and cannot be created" + setting);
		}
		try {
			Path probe = Files.createTempFile(dir, ".allocation-startup-check-", ".tmp");
			Files.delete(probe);
			return Optional.empty();
		}
		catch (IOException | RuntimeException e) {
			return Optional.of("the files directory " + dir + " is not writable by this process" + setting);
		}
	}

	/**
	 * An executable file when a path is given, otherwise a name found on the PATH, as
	 * ProcessBuilder would.
	 */
	private boolean runnable(String program) {
		if (blank(program)) {
			return false;
		}
		if (program.contains(File.separator)) {
			return Files.isRegularFile(Path.of(program)) && Files.isExecutable(Path.of(program));
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty()) {
				Path candidate = Path.of(dir, program);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String namespaceOfThisPodOrKubeconfig() {
		try {
			return Config.autoConfigure(null).getNamespace();
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
