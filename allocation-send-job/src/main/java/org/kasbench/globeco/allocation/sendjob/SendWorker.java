package org.kasbench.globeco.allocation.sendjob;

import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one send and sets the exit code. First it runs every batch that is due again
 * (failed and past its backoff, or left by a process that died); then, with
 * {@code allocation.send.batch-id}, the batch the API handed to it, otherwise (the
 * CronJob) a new batch. The exit code is WorkerExit's: 0 when every batch it ran was
 * closed, had nothing to send, or another send held the window; 1 when one failed (a
 * later run retries it); 3 when the database could not be reached.
 */
@Component
class SendWorker implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger log = LoggerFactory.getLogger(SendWorker.class);

	private final ExecutionSender sender;

	private final SendProperties properties;

	private int exitCode;

	SendWorker(ExecutionSender sender, SendProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			exitCode = send();
		}
		catch (RuntimeException e) {
			WorkerExit exit = WorkerExit.of(e);
			log.error("Exit {}: {}", exit.code(), exit.reason());
			exitCode = exit.code();
		}
	}

	private int send() {
		List<Batch> ended = new ArrayList<>(sender.recoverDue());
		if (properties.batchId() != null) {
			ended.add(sender.runHandedOff(properties.batchId()));
		}
		else {
			try {
				ended.add(sender.sendNow());
			}
			catch (SendInProgressException e) {
				log.info("No new batch: {}", e.getMessage());
			}
		}
		ended.forEach(batch -> log.info("Batch {} ended {}: {}", batch.id(), batch.status(), batch.message()));
		return ended.stream().anyMatch(batch -> batch.status() == BatchStatus.FAILED) ? WorkerExit.SEND_FAILED
				: WorkerExit.DONE;
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
