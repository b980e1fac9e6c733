package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.domain.SendBatchRepository;
import org.kasbench.globeco.allocation.send.domain.SendBatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Rejection;
import org.kasbench.globeco.allocation.send.cli.CliInvocation;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.CliRun;
import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The send job's tasklet steps. Each reads the batch id from the job parameters. */
@Component
class SendTasklets {

    private static final Logger log = LoggerFactory.getLogger(SendTasklets.class);

    private final SendBatchRepository batches;
    private final BatchFiles files;
    private final PortfolioAccountingCli cli;
    private final CliProperties cliProperties;
    private final SendMetrics metrics;

    SendTasklets(SendBatchRepository batches, BatchFiles files, PortfolioAccountingCli cli, CliProperties cliProperties,
                 SendMetrics metrics) {
        this.batches = batches;
        this.files = files;
        this.cli = cli;
        this.cliProperties = cliProperties;
        this.metrics = metrics;
    }

    RepeatStatus claim(StepContribution contribution, ChunkContext context) {
        int batchId = batchId(context);
        int claimed = batches.claim(batchId);
        log.info("Batch {} claimed {} executions", batchId, claimed);
        if (claimed == 0) {
            batches.recordOutcome(batchId, SendBatchStatus.NOTHING_TO_SEND, 0, List.of(), "Nothing to send");
            contribution.setExitStatus(new ExitStatus(SendJobConfiguration.NOTHING_TO_SEND));
        }
        return RepeatStatus.FINISHED;
    }

    RepeatStatus publishFile(StepContribution contribution, ChunkContext context) throws IOException {
        int batchId = batchId(context);
        Path part = files.partFile(batchId);
        Path file = files.file(batchId);
        if (Files.exists(part)) {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else if (!Files.exists(file)) {
            throw new IllegalStateException("Batch " + batchId + " has neither a part file nor a published file");
        }
        batches.recordFile(batchId, file.getFileName().toString());
        return RepeatStatus.FINISHED;
    }

    RepeatStatus invokeCli(StepContribution contribution, ChunkContext context) throws IOException {
        int batchId = batchId(context);
        Files.deleteIfExists(files.errorsFile(batchId)); // a rerun must not read the verdict of an earlier run
        batches.recordCliStart(batchId, cli.mode(), null);
        long attempt = context.getStepContext().getStepExecution().getJobExecutionId();
        CliRun run = metrics.timeCli(cli.mode(),
                () -> cli.run(new CliInvocation(batchId, files.file(batchId), attempt, cliProperties.timeout())));
        batches.recordCliEnd(batchId, run.exitCode(), run.jobName());
        if (run.timedOut()) {
            String message = "CLI did not finish within " + cliProperties.timeout() + tail(run);
            batches.recordFailure(batchId, FailureReason.CLI_TIMEOUT, message);
            throw new CliRunFailedException(message);
        }
        if (!run.succeeded()) {
            String message = (run.exitCode() == null ? "CLI could not be run" : "CLI exited with " + run.exitCode()) + tail(run);
            batches.recordFailure(batchId, FailureReason.CLI_FAILED, message);
            throw new CliRunFailedException(message);
        }
        return RepeatStatus.FINISHED;
    }

    RepeatStatus recordOutcome(StepContribution contribution, ChunkContext context) throws IOException {
        int batchId = batchId(context);
        int processed = batches.find(batchId).map(b -> b.processedCount() == null ? 0 : b.processedCount()).orElse(0);
        List<Rejection> all = CliErrorsFile.read(files.errorsFile(batchId));
        List<Rejection> rejected = all.stream().filter(r -> !r.isDuplicate()).toList();
        int repeats = all.size() - rejected.size();
        if (processed > 0 && rejected.size() == processed) {
            // The CLI exits 0 even when it cannot reach Portfolio Accounting: every row comes back refused.
            String message = "The CLI refused every row (" + rejected.getFirst().errorMessage()
                    + "); Portfolio Accounting may be unreachable";
            batches.recordFailure(batchId, FailureReason.CLI_FAILED, message);
            throw new CliRunFailedException(message);
        }
        int accepted = processed - rejected.size();
        SendBatchStatus status = rejected.isEmpty() ? SendBatchStatus.COMPLETED : SendBatchStatus.COMPLETED_WITH_REJECTIONS;
        String message = "%d sent, %d accepted, %d rejected".formatted(processed, accepted, rejected.size())
                + (repeats > 0 ? " (%d already accepted by an earlier run of this batch)".formatted(repeats) : "");
        batches.recordOutcome(batchId, status, accepted, rejected, message);
        metrics.rows(processed, accepted, rejected.size());
        log.info("Batch {}: {}", batchId, message);
        if (files.cleanup()) {
            Files.deleteIfExists(files.file(batchId));
        }
        return RepeatStatus.FINISHED;
    }

    private static String tail(CliRun run) {
        return run.outputTail() == null || run.outputTail().isBlank() ? "" : "; last output:\n" + run.outputTail();
    }

    static int batchId(ChunkContext context) {
        return context.getStepContext().getStepExecution().getJobParameters().getLong(SendJobConfiguration.BATCH_ID).intValue();
    }
}
