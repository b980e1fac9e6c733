package org.kasbench.globeco.allocation.sendjob;

import org.kasbench.globeco.allocation.batch.domain.BatchStatus;
import org.kasbench.globeco.allocation.batch.domain.SendBatch;
import org.kasbench.globeco.allocation.batch.domain.SendInProgressException;
import org.kasbench.globeco.allocation.send.ExecutionSender;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Runs one send and sets the exit code: with {@code allocation.send.batch-id} the batch the API opened (or a
 * rerun of it), otherwise a new batch (the CronJob). 0 when the batch completed, had nothing to send, or another
 * send held the window; 1 when it failed (it stays retryable).
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
        SendBatch batch;
        try {
            batch = properties.batchId() != null ? sender.run(properties.batchId()) : sender.sendNow();
        } catch (SendInProgressException e) {
            log.info("Nothing done: {}", e.getMessage());
            return;
        }
        log.info("Batch {} ended {}: {}", batch.id(), batch.status(), batch.message());
        exitCode = batch.status() == BatchStatus.FAILED ? 1 : 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
