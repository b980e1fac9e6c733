package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.cli.ExecCli;
import org.kasbench.globeco.allocation.send.cli.DockerCli;
import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;
import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.kasbench.globeco.allocation.send.cli.CliRuns;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesCli;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesJobs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Picks the CLI invocation from {@code allocation.cli.mode}. */
@Configuration(proxyBeanMethods = false)
class CliConfiguration {

	/**
	 * In-cluster credentials when running in a pod; the usual kubeconfig elsewhere.
	 * Created only when used.
	 */
	@Bean(destroyMethod = "close")
	@Lazy
	KubernetesClient kubernetesClient() {
		return new KubernetesClientBuilder().build();
	}

	@Bean
	PortfolioAccountingCli portfolioAccountingCli(CliProperties cli, FilesProperties files,
			ObjectProvider<KubernetesClient> kubernetes, CliRuns runs) {
		return switch (cli.mode()) {
			case EXEC -> new ExecCli(cli.command(), runs);
			case DOCKER -> new DockerCli(cli.docker(), files.dir(), runs);
			case KUBERNETES -> new KubernetesCli(new KubernetesJobs(kubernetes.getObject(),
					cli.kubernetes().namespace(), cli.kubernetes().apiRetries()), cli.kubernetes(), runs);
		};
	}

}
