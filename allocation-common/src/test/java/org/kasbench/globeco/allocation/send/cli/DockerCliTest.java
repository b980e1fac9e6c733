package org.kasbench.globeco.allocation.send.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kasbench.globeco.allocation.standins.PortfolioAccountingServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker mode against a stand-in {@code docker} executable that records its arguments and
 * plays the container.
 */
class DockerCliTest {

	@TempDir
	Path files;

	@TempDir
	Path work;

	@Test
	void runsTheCliImageOnTheSharedDirectoryMountedAtData() throws IOException {
		try (PortfolioAccountingServiceStandIn service = CliStandIns.startService()) {
			runsTheCliImageAgainst(service);
		}
	}

	private void runsTheCliImageAgainst(PortfolioAccountingServiceStandIn service) throws IOException {
		Path argv = work.resolve("docker-argv.txt");
		Path file = files.resolve("allocation-batch-000042.csv");
		Files.writeString(file,
				"portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date\n"
						+ "684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,AC7,BUY,10,1.5,20250527\n"
						+ "short,68336002fe95851f0a2aeda9,AC8,BUY,10,1.5,20250527\n");
		DockerCli cli = new DockerCli(
				new CliProperties.Docker(dockerStandIn(), "kasbench/globeco-portfolio-accounting-service-cli:latest",
						null, "/data", "host",
						Map.of("DOCKER_STANDIN_LOG", argv.toString(), "STANDIN_JAVA", CliStandIns.java(), "STANDIN_CP",
								CliStandIns.classpath(), "GLOBECO_PA_SERVER_HOST", service.host(),
								"GLOBECO_PA_SERVER_PORT", Integer.toString(service.port())),
						List.of()),
				files, new CliRuns());

		CliRun run = cli.run(new CliInvocation(42, file, 3, Duration.ofSeconds(30)));

		assertThat(run.succeeded()).isTrue();
		assertThat(run.jobName()).isEqualTo("allocation-cli-batch-42-3");
		assertThat(run.outputTail()).contains("=== Processing Results ===", "Error Records: 1");
		assertThat(Files.readAllLines(argv)).containsExactly("run", "--rm", "--name", "allocation-cli-batch-42-3", "-v",
				files + ":/data", "--network", "host", "-e", "DOCKER_STANDIN_LOG=" + argv, "-e",
				"GLOBECO_PA_SERVER_HOST=" + service.host(), "-e", "GLOBECO_PA_SERVER_PORT=" + service.port(), "-e",
				"STANDIN_CP=" + CliStandIns.classpath(), "-e", "STANDIN_JAVA=" + CliStandIns.java(),
				"kasbench/globeco-portfolio-accounting-service-cli:latest", "process", "--file",
				"/data/allocation-batch-000042.csv", "--output-dir", "/data");
		assertThat(files.resolve("allocation-batch-000042.csv.errors.csv")).content().contains("AC8", "portfolio_id");
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC7");
	}

	@Test
	void aMissingDockerClientIsAFailedRunNotACrash() {
		DockerCli cli = new DockerCli(new CliProperties.Docker(work.resolve("no-such-docker").toString(), "image", null,
				"/data", "", Map.of(), List.of()), files, new CliRuns());

		CliRun run = cli.run(new CliInvocation(1, files.resolve("x.csv"), 1, Duration.ofSeconds(5)));

		assertThat(run.succeeded()).isFalse();
		assertThat(run.exitCode()).isNull();
		assertThat(run.outputTail()).contains("cannot start");
	}

	private static String dockerStandIn() {
		try {
			Path script = Path.of(DockerCliTest.class.getResource("/standins/docker").toURI());
			script.toFile().setExecutable(true);
			return script.toString();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
