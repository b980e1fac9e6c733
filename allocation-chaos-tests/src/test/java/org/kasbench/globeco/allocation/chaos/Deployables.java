package org.kasbench.globeco.allocation.chaos;

import org.kasbench.globeco.allocation.standins.PortfolioAccountingServiceStandIn;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the chaos scenarios run the built deployables: the jars the package phase built,
 * the settings every scenario gives them, an API started as the image starts it and
 * awaited until ready, and the stand-ins they talk to stopped at the end.
 */
final class Deployables {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Duration READY_DEADLINE = Duration.ofSeconds(90);

	private Deployables() {
	}

	/** The built jar named by a system property of the failsafe run. */
	static Path jar(String property) {
		Path jar = Path.of(System.getProperty(property, "missing"));
		assertThat(jar).as("built by the package phase before this suite").exists();
		return jar;
	}

	/**
	 * The CLI stand-in in exec mode, posting chunks of 100 to Portfolio Accounting on
	 * this machine's {@code portfolioAccountingPort}.
	 */
	static String cliCommand(int portfolioAccountingPort) {
		return CliStandIns.execCommand() + " --batch-size 100 --server-host 127.0.0.1 --server-port "
				+ portfolioAccountingPort;
	}

	/**
	 * What every scenario's deployables run with: the scenario's database (reached at
	 * {@code databaseUrl}, directly or through a proxy), its files directory, the CLI
	 * command, a CLI timeout far above any run, retries within a second, no tracing, and
	 * the Trade Service stand-in.
	 */
	static List<String> settings(TestDatabase db, String databaseUrl, Path files, String cliCommand,
			TradeServiceStandIn tradeService) {
		return new ArrayList<>(List.of("--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
				"--allocation.files.dir=" + files.toAbsolutePath(), "--allocation.cli.mode=exec",
				"--allocation.cli.command=" + cliCommand, "--allocation.cli.timeout=90s",
				"--allocation.send.retry-backoff=200ms", "--allocation.send.retry-backoff-max=1s",
				"--management.tracing.sampling.probability=0", "--allocation.trade.url=" + tradeService.baseUrl()));
	}

	/**
	 * The built API on {@code port}, as the image runs it (Spring AOT's build-time bean
	 * definitions), once it answers ready; fails when it dies or is not ready within 90
	 * s. {@code started} is given the process as soon as it runs, so the scenario stops
	 * it whether or not it gets ready.
	 */
	static ServiceProcess startApi(String name, Path logDir, int port, List<String> settings,
			Consumer<ServiceProcess> started) {
		List<String> arguments = new ArrayList<>(settings);
		arguments.add("--server.port=" + port);
		ServiceProcess process = ServiceProcess.start(name, jar("chaos.apiJar"), logDir,
				List.of("-Dspring.aot.enabled=true"), arguments);
		started.accept(process);
		await().atMost(READY_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as(name + " is running; see " + process.log()).isTrue();
			return isReady(port);
		});
		return process;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Stops the stand-ins a scenario started (either may be null: its start failed). */
	static void stop(PortfolioAccountingServiceStandIn portfolioAccounting, TradeServiceStandIn tradeService) {
		if (portfolioAccounting != null) {
			portfolioAccounting.stop();
		}
		if (tradeService != null) {
			tradeService.close();
		}
	}

	private static boolean isReady(int port) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
