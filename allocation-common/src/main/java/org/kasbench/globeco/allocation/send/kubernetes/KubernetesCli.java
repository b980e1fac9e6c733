package org.kasbench.globeco.allocation.send.kubernetes;

import org.kasbench.globeco.allocation.send.cli.CliInvocation;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.CliRun;
import org.kasbench.globeco.allocation.send.cli.CliRuns;
import org.kasbench.globeco.allocation.send.cli.ContainerEnvironment;
import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubernetes} mode (production): a Job of the CLI image that mounts the shared
 * files claim where the files are, with the CLI's config map and server settings, awaited
 * until Complete or Failed. A Job of an earlier attempt of the same batch that is still
 * running (its process died) is deleted first. A shutdown of this process deletes the Job
 * it awaits (with its pod), as exec and docker mode kill their CLI: the batch's next
 * attempt, due at once, runs a Job of its own, and deletes this one first if the deletion
 * at shutdown did not get through.
 */
public final class KubernetesCli implements PortfolioAccountingCli {

	private static final String COMPONENT = "portfolio-accounting-cli";

	private final KubernetesJobs jobs;

	private final CliProperties.Kubernetes settings;

	private final CliRuns runs;

	public KubernetesCli(KubernetesJobs jobs, CliProperties.Kubernetes settings, CliRuns runs) {
		this.jobs = jobs;
		this.settings = settings;
		this.runs = runs;
	}

	@Override
	public String mode() {
		return "kubernetes";
	}

	@Override
	public CliRun run(CliInvocation invocation) {
		Job job = job(settings, jobs.namespace(), invocation);
		String name = job.getMetadata().getName();
		jobs.deleteUnfinished(COMPONENT, invocation.batchId());
		jobs.create(job);
		KubernetesJobs.Outcome outcome;
		try (CliRuns.Registration stoppable = runs
			.register(() -> jobs.deleteUnfinished(COMPONENT, invocation.batchId()))) {
			outcome = jobs.await(name, invocation.timeout());
		}
		Integer exitCode = outcome.succeeded() ? Integer.valueOf(0) : outcome.timedOut() ? null : Integer.valueOf(1);
		return new CliRun(exitCode, outcome.timedOut(), name, outcome.detail(), outcome.summary());
	}

	/**
	 * The CLI's Job for one invocation: the CLI image processing the batch's file where
	 * the claim is mounted, with its config map (as {@code --config}) and environment,
	 * for at most the invocation's timeout.
	 */
	static Job job(CliProperties.Kubernetes settings, String namespace, CliInvocation invocation) {
		String mount = settings.mountPath().replaceAll("/+$", "");
		List<String> args = new ArrayList<>();
		if (!settings.configMap().isBlank()) {
			args.addAll(List.of("--config", settings.configMountPath() + "/" + settings.configFile()));
		}
		args.addAll(List.of("process", "--file", mount + "/" + invocation.fileName(), "--output-dir", mount));
		return new JobDefinition(KubernetesJobs.jobName("allocation-cli", invocation.batchId(), invocation.attempt()),
				namespace, COMPONENT, invocation.batchId(), settings.image(), settings.imagePullPolicy(), args,
				ContainerEnvironment.of(settings.env()), null, null,
				new JobDefinition.Mount(settings.pvcName(), settings.mountPath()),
				new JobDefinition.Mount(settings.configMap(), settings.configMountPath()), settings.serviceAccount(),
				settings.runAsUser(),
				new JobDefinition.Resources(settings.cpuRequest(), settings.memoryRequest(), settings.cpuLimit(),
						settings.memoryLimit()),
				settings.backoffLimit(), invocation.timeout(), settings.ttlAfterFinished())
			.toJob();
	}

}
