package org.kasbench.globeco.allocation.send.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker} mode (development):
 * {@code docker run --rm -v <host dir>:<mount> [--network N] [-e K=V]...
 * <image> process --file <mount>/<name> --output-dir <mount>}. The container is named
 * after the batch and attempt: a killed {@code docker run} client leaves its container
 * running, so a run that timed out or was stopped by a shutdown removes it by name.
 */
public final class DockerCli implements PortfolioAccountingCli {

	private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(10);

	private final CliProperties.Docker docker;

	private final Path hostDir;

	private final CliRuns runs;

	public DockerCli(CliProperties.Docker docker, Path filesDir, CliRuns runs) {
		this.docker = docker;
		this.runs = runs;
		this.hostDir = docker.hostDir() != null ? docker.hostDir() : filesDir;
	}

	@Override
	public String mode() {
		return "docker";
	}

	@Override
	public CliRun run(CliInvocation invocation) {
		String container = "allocation-cli-batch-" + invocation.batchId() + "-" + invocation.attempt();
		String mount = docker.mountPath().replaceAll("/+$", "");
		List<String> argv = new ArrayList<>(
				List.of(docker.executable(), "run", "--rm", "--name", container, "-v", hostDir + ":" + mount));
		if (docker.network() != null && !docker.network().isBlank()) {
			argv.addAll(List.of("--network", docker.network()));
		}
		ContainerEnvironment.of(docker.env()).forEach((k, v) -> argv.addAll(List.of("-e", k + "=" + v)));
		argv.addAll(docker.extraArgs());
		argv.addAll(List.of(docker.image(), "process", "--file", mount + "/" + invocation.fileName(), "--output-dir",
				mount));
		CliRun run = ProcessRunner.run(argv, invocation.timeout(), runs);
		if (run.timedOut() || (runs.stopped() && !run.succeeded())) {
			ProcessRunner.run(List.of(docker.executable(), "rm", "-f", container), REMOVAL_TIMEOUT);
		}
		return new CliRun(run.exitCode(), run.timedOut(), container, run.outputTail(), run.summary());
	}

}
