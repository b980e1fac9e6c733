package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendShutdown;
import org.kasbench.globeco.allocation.send.domain.RetryNotPossibleException;

import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;
import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.Take;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Opens batches and runs their attempts in this process, under this process's
 * {@link SendLease}: the API's in-process launcher, the send worker, manual retries and
 * the automatic recovery of batches that failed or whose process died all come through
 * here. Each run of a batch is a new attempt.
 */
@Service
public class ExecutionSender {

	private static final Logger log = LoggerFactory.getLogger(ExecutionSender.class);

	private final BatchRepository batches;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job sendJob;

	private final PortfolioAccountingCli cli;

	private final SendLease lease;

	private final SendShutdown shutdown;

	ExecutionSender(BatchRepository batches, JobOperator jobOperator, JobRepository jobRepository,
			Job sendExecutionsJob, PortfolioAccountingCli cli, SendLease lease, SendShutdown shutdown) {
		this.batches = batches;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.sendJob = sendExecutionsJob;
		this.cli = cli;
		this.lease = lease;
		this.shutdown = shutdown;
	}

	/**
	 * Opens a batch, leased to this process.
	 * @throws SendInProgressException when another send holds the window
	 */
	public Batch open() {
		Batch batch = batches.open(cli.mode(), lease.owner(), lease.duration());
		log.info("Opened batch {} (start {}, previous start {})", batch.id(), batch.startTime(),
				batch.previousStartTime());
		return batch;
	}

	/** Opens a batch and runs it to the end here. */
	public Batch sendNow() {
		return run(open());
	}

	/**
	 * Runs a batch this process has just opened to the end here, and returns the batch as
	 * it ended.
	 */
	public Batch run(Batch opened) {
		return runAttempt(opened.latestAttempt());
	}

	/**
	 * The send worker's part of a hand-off: takes the batch the API opened for it, unless
	 * another process has.
	 */
	public Batch runHandedOff(int batchId) {
		Optional<Attempt> taken = batches.take(batchId, lease.owner(), lease.duration(), Take.HANDED_OFF);
		if (taken.isEmpty()) {
			Batch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException("No batch " + batchId));
			log.info("Batch {} is {} and not ours to run", batchId, batch.status());
			return batch;
		}
		return runTaken(taken.get());
	}

	/**
	 * Runs a FAILED batch again now, without waiting for its next automatic attempt, or
	 * takes over one whose process died (its lease expired). Of two retries at once, one
	 * runs and the other is refused.
	 */
	public Batch retry(int batchId) {
		Batch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException("No batch " + batchId));
		Attempt taken = batches.take(batchId, lease.owner(), lease.duration(), Take.NOW)
			.orElseThrow(
					() -> new RetryNotPossibleException("Batch " + batchId + " is " + batch.status()
							+ (batch.status().isRunning()
									? " and its run is alive (lease until " + batch.leaseExpiresAt() + ")"
									: "; only a FAILED batch, or one whose run died, can be retried")));
		return runTaken(taken);
	}

	/**
	 * Runs every batch that is due: FAILED and past its backoff, or left by a process
	 * that died. So rows that did not reach Portfolio Accounting are delivered by the
	 * next send or worker run, with nobody's hand needed. Returns the batches as they
	 * ended.
	 */
	public List<Batch> recoverDue() {
		List<Batch> ended = new ArrayList<>();
		for (Batch due : batches.findDue()) {
			Optional<Attempt> taken = batches.take(due.id(), lease.owner(), lease.duration(), Take.DUE);
			if (taken.isPresent()) {
				log.info("Running batch {} again (it was {})", due.id(), due.status());
				ended.add(runTaken(taken.get()));
			}
		}
		return ended;
	}

	/**
	 * Puts the refused rows of a batch back to be sent by its next attempt, once the data
	 * downstream is fixed.
	 */
	public int requeueRefused(int batchId) {
		return batches.requeueRefused(batchId);
	}

	private Batch runTaken(Attempt attempt) {
		abandonDeadRun(batches.find(attempt.batchId()).orElseThrow());
		return runAttempt(attempt);
	}

	private Batch runAttempt(Attempt attempt) {
		int batchId = attempt.batchId();
		return shutdown.track(() -> lease.whileHeld(attempt, () -> {
			try {
				jobOperator.start(sendJob, SendJobParameters.of(attempt));
			}
			catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException | JobRestartException e) {
				// Only a second run of the same attempt lands here, which the lease rules
				// out.
				throw new RetryNotPossibleException(
						"Batch " + batchId + " attempt " + attempt.number() + " cannot start: " + e.getMessage());
			}
			catch (InvalidJobParametersException e) {
				throw new IllegalStateException(e);
			}
			return batches.find(batchId).orElseThrow();
		}));
	}

	/**
	 * The last attempt's job execution, left running (its process died) or UNKNOWN (a
	 * storage error while Spring Batch saved its state), is marked ABANDONED so the job
	 * repository tells the truth; it is never restarted.
	 */
	private void abandonDeadRun(Batch batch) {
		JobExecution last = batch.jobExecutionId() == null ? null
				: jobRepository.getJobExecution(batch.jobExecutionId());
		if (last == null || !(last.isRunning() || last.getStatus() == BatchStatus.UNKNOWN)) {
			return;
		}
		ExitStatus exit = ExitStatus.FAILED.addExitDescription(
				"The process running it died; batch " + batch.id() + " runs again as attempt " + batch.attempts());
		for (StepExecution step : last.getStepExecutions()) {
			if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
				step.setStatus(BatchStatus.ABANDONED);
				step.setExitStatus(exit);
				step.setEndTime(LocalDateTime.now());
				jobRepository.update(step);
			}
		}
		last.setStatus(BatchStatus.ABANDONED);
		last.setExitStatus(exit);
		last.setEndTime(LocalDateTime.now());
		jobRepository.update(last);
		log.info("Job execution {} of batch {} marked ABANDONED", last.getId(), batch.id());
	}

}
