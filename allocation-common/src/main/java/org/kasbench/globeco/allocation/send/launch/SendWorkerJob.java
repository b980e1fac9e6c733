package org.kasbench.globeco.allocation.send.launch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.kubernetes.JobDefinition;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesJobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The send-worker Job for a batch handed to the cluster, from the worker's settings: the
 * worker image with the service's config map and secret as its environment and the batch
 * named in {@code ALLOCATION_SEND_BATCHID}, the files claim at the worker's files
 * directory, for at most the worker timeout.
 */
final class SendWorkerJob {

	static final String COMPONENT = "send-worker";

	private SendWorkerJob() {
	}

	static String name(int batchId) {
		return KubernetesJobs.jobName("allocation-send", batchId, 1);
	}

	static Job of(SendProperties.Worker worker, String namespace, Path filesDir, int batchId) {
		return new JobDefinition(name(batchId), namespace, COMPONENT, batchId, worker.image(), worker.imagePullPolicy(),
				List.of(), Map.of("ALLOCATION_SEND_BATCHID", Integer.toString(batchId)), worker.configMap(),
				worker.secret(), new JobDefinition.Mount(worker.pvcName(), filesDir.toString()), null,
				worker.serviceAccount(), worker.runAsUser(),
				new JobDefinition.Resources(worker.cpuRequest(), worker.memoryRequest(), worker.cpuLimit(),
						worker.memoryLimit()),
				worker.backoffLimit(), worker.timeout(), worker.ttlAfterFinished())
			.toJob();
	}

}
