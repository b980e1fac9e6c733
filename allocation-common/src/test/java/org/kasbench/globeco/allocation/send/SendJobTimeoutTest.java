package org.kasbench.globeco.allocation.send;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CLI that hangs is stopped at {@code allocation.cli.timeout}. Its own context with a
 * timeout of half a second, so the test waits that long instead of the margin the other
 * send tests give the stand-in's JVM.
 */
class SendJobTimeoutTest extends SendJobTestSupport {

	static final Path FILES = CliStandIns.newFilesDirectory();

	@DynamicPropertySource
	static void send(DynamicPropertyRegistry registry) {
		CliStandIns.sendInExecMode(registry, FILES, "500ms");
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void aCliThatHangsIsStoppedAtTheTimeout() {
		executions.insertNew(List.of(Executions.newExecution(Executions.uniqueId())));
		CliStandIns.mode(FILES, CliStandIns.HANG);

		Batch batch = sender.sendNow();

		assertThat(batch.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(batch.failureReason()).isEqualTo(FailureReason.CLI_TIMEOUT);
	}

}
