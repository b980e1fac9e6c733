package org.kasbench.globeco.allocation.send.launch;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.kasbench.globeco.allocation.send.job.AttemptFailures;
import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks where the API runs a send from {@code allocation.send.launcher}. Only the API
 * launches sends; the worker runs the send job itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SendLauncherConfiguration {

	@Bean
	SendLauncher sendLauncher(SendProperties send, FilesProperties files, ExecutionSender sender,
			BatchRepository batches, AttemptFailures failures, ObjectProvider<KubernetesClient> kubernetes) {
		return switch (send.launcher()) {
			case IN_PROCESS -> new InProcessSendLauncher(sender);
			case KUBERNETES -> new KubernetesSendLauncher(
					new KubernetesJobs(kubernetes.getObject(), send.worker().namespace(), send.worker().apiRetries()),
					batches, failures, send, files.dir());
		};
	}

}
