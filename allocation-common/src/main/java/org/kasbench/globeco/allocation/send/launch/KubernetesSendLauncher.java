package org.kasbench.globeco.allocation.send.launch;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.job.AttemptFailures;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesJobs;

import java.nio.file.Path;
import java.util.List;

/**
 * Hands the run to a Kubernetes Job of the send-worker image, which runs the job for this
 * batch ({@code ALLOCATION_SEND_BATCHID}) with the service's own ConfigMap and Secret.
 */
final class KubernetesSendLauncher implements SendLauncher {

	private final KubernetesJobs jobs;

	private final BatchRepository batches;

	private final AttemptFailures failures;

	private final SendProperties.Worker worker;

	private final Path filesDir;

	KubernetesSendLauncher(KubernetesJobs jobs, BatchRepository batches, AttemptFailures failures, SendProperties send,
			Path filesDir) {
		this.jobs = jobs;
		this.batches = batches;
		this.failures = failures;
		this.worker = send.worker();
		this.filesDir = filesDir;
	}

	/** The worker Job recovers due batches itself, before its own. */
	@Override
	public List<Batch> recoverDue() {
		return List.of();
	}

	@Override
	public Batch launch(Batch opened, boolean wait) {
		String name = SendWorkerJob.name(opened.id());
		// Recorded before the Job exists, so it can never overwrite what a fast worker
		// has already written.
		Attempt handed = batches.handOff(opened.latestAttempt(), "Handing to Kubernetes Job " + name,
				worker.startGrace());
		try {
			jobs.create(SendWorkerJob.of(worker, jobs.namespace(), filesDir, opened.id()));
		}
		catch (RuntimeException e) {
			failures.record(handed, FailureReason.INTERNAL_ERROR, "The send-worker Job could not be created");
			throw e;
		}
		if (!wait) {
			return batches.find(opened.id()).orElseThrow();
		}
		KubernetesJobs.Outcome outcome = jobs.await(name, worker.timeout());
		Batch ended = batches.find(opened.id()).orElseThrow();
		if (!outcome.succeeded() && ended.status().isRunning()) {
			// The worker's pod is gone (or out of time) while the batch still says it
			// runs: take its lease's place.
			failures.record(ended.latestAttempt(),
					outcome.timedOut() ? FailureReason.CLI_TIMEOUT : FailureReason.INTERNAL_ERROR,
					"Send worker Job " + name + (outcome.timedOut() ? " did not finish in time" : " failed") + ": "
							+ outcome.detail());
			return batches.find(opened.id()).orElseThrow();
		}
		return ended;
	}

}
