package org.kasbench.globeco.allocation.send.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kasbench.globeco.allocation.testsupport.Processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shutdown stops an exec-mode CLI with everything it started: here a wrapper script
 * whose child would otherwise outlive it.
 */
class ExecCliTest {

	@TempDir
	Path dir;

	@Test
	void aShutdownKillsTheCliAndTheProcessesItStarted() throws IOException {
		Path childPid = dir.resolve("child.pid");
		Path wrapper = dir.resolve("cli.sh");
		Files.writeString(wrapper, "#!/bin/sh\nsleep 600 &\necho $! > " + childPid + "\nwait\n");
		wrapper.toFile().setExecutable(true);
		CliRuns runs = new CliRuns();
		ExecCli cli = new ExecCli(wrapper + " {file}", runs);
		CompletableFuture<CliRun> run = CompletableFuture
			.supplyAsync(() -> cli.run(new CliInvocation(1, dir.resolve("x.csv"), 1, Duration.ofSeconds(60))));
		long child = Long.parseLong(await().atMost(Duration.ofSeconds(10))
			.until(() -> Files.exists(childPid) ? Files.readString(childPid).trim() : "", pid -> !pid.isEmpty()));

		runs.stopAll();

		CliRun stopped = run.join();
		assertThat(stopped.succeeded()).isFalse();
		assertThat(stopped.timedOut()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(child).map(Processes::ended).orElse(true));
	}

}
