package org.kasbench.globeco.allocation.send.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker} mode (development):
 * {@code docker run --rm -v <host dir>:<mount> [--network N] [-e K=V]...
 * <image> process --file <mount>/<name> --output-dir <mount>}. The container is named
 * after the batch so a timed-out run can be removed.
 */
final class DockerCli implements PortfolioAccountingCli {

	private final CliProperties.Docker docker;

	private final Path hostDir;

	DockerCli(CliProperties.Docker docker, Path filesDir) {
		this.docker = docker;
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
		CliRun run = ProcessRunner.run(argv, invocation.timeout());
		if (run.timedOut()) {
			ProcessRunner.run(List.of(docker.executable(), "rm", "-f", container), java.time.Duration.ofSeconds(30));
		}
		return new CliRun(run.exitCode(), run.timedOut(), container, run.outputTail(), run.summary());
	}

}
