package org.kasbench.globeco.allocation.send;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.kasbench.globeco.allocation.database.DatabaseBounds;
import org.kasbench.globeco.allocation.send.domain.Backoff;
import org.kasbench.globeco.allocation.settings.KubernetesNamespace;
import org.kasbench.globeco.allocation.settings.SettingViolations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How sends run ({@code allocation.send.*}): where the job runs when the API is asked to
 * send, the chunk size of the file step, the lease a running send holds on its batch, how
 * failed batches are retried, and how the CLI's error messages are read.
 *
 * @param launcher where the API runs a send: {@code in-process}, or {@code kubernetes} (a
 * send-worker Job)
 * @param chunkSize rows per chunk and per page of the file step
 * @param claimSliceSize rows a batch claims per statement (a claim of a large backlog is
 * several statements in one transaction, each well within
 * {@code allocation.db.statement-timeout})
 * @param lease how long a send's claim on its batch lasts without renewal; a running send
 * renews it every third of that, so a batch whose lease expired was left by a dead
 * process
 * @param retryBackoff wait before the first automatic retry of a failed batch; doubles
 * with each attempt
 * @param retryBackoffMax the longest wait between automatic retries (they never stop)
 * @param attentionAfterAttempts a failed batch with this many attempts is counted as
 * needing an operator
 * @param batchId the send worker only: run this opened batch (handed over by the API)
 * instead of opening one
 * @param worker the send-worker Job of the Kubernetes launcher
 * @param verdict how a row of the CLI's errors file gets its verdict
 */
@ConfigurationProperties("allocation.send")
@Validated
@SendProperties.Consistent
public record SendProperties(@DefaultValue("in-process") Launcher launcher,
		@DefaultValue("5000") @Positive int chunkSize, @DefaultValue("50000") @Positive int claimSliceSize,
		@DefaultValue("60s") @DurationMin(millis = 300) Duration lease,
		@DefaultValue("30s") @DurationMin(millis = 0) Duration retryBackoff,
		@DefaultValue("15m") Duration retryBackoffMax, @DefaultValue("3") @Positive int attentionAfterAttempts,
		@Positive Integer batchId, @DefaultValue @Valid Worker worker, @DefaultValue Verdict verdict) {

	public enum Launcher {

		IN_PROCESS, KUBERNETES

	}

	/**
	 * What holds across settings: the lease outlasts every database wait (the socket
	 * timeout, the longest of them, as the driver applies it), the retry backoff does not
	 * exceed its maximum, and the Kubernetes launcher has a worker image and a namespace
	 * (set, or the pod's own).
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = ConsistentValidator.class)
	public @interface Consistent {

		String message() default "the send settings contradict each other";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	static final class ConsistentValidator implements ConstraintValidator<Consistent, SendProperties> {

		private final DatabaseBounds database;

		private final ObjectProvider<KubernetesClient> kubernetes;

		ConsistentValidator(DatabaseBounds database, ObjectProvider<KubernetesClient> kubernetes) {
			this.database = database;
			this.kubernetes = kubernetes;
		}

		@Override
		public boolean isValid(SendProperties send, ConstraintValidatorContext context) {
			SettingViolations violations = new SettingViolations(context);
			Duration socketTimeout = database.socketTimeoutInWholeSeconds();
			if (send.lease().compareTo(socketTimeout) <= 0) {
				violations.reject("lease",
						"must be longer than allocation.db.socket-timeout ({socketTimeout}, in whole seconds),"
								+ " the longest database wait",
						Map.of("socketTimeout", SettingViolations.duration(socketTimeout)));
			}
			if (send.retryBackoffMax().compareTo(send.retryBackoff()) < 0) {
				violations.reject("retryBackoffMax", "must be at least allocation.send.retry-backoff ({retryBackoff})",
						Map.of("retryBackoff", SettingViolations.duration(send.retryBackoff())));
			}
			if (send.launcher() == Launcher.KUBERNETES) {
				if (send.worker().image() == null || send.worker().image().isBlank()) {
					violations.reject("worker.image", "must be set with allocation.send.launcher=kubernetes");
				}
				if (!KubernetesNamespace.known(send.worker().namespace(), kubernetes)) {
					violations.reject("worker.namespace",
							"must be set when not running in a pod: the Jobs of allocation.send.launcher=kubernetes"
									+ " need a namespace");
				}
			}
			return violations.none();
		}

	}

	/**
	 * The wait before the next automatic attempt of a batch that has had {@code attempts}
	 * attempts.
	 */
	public Duration retryIn(int attempts) {
		return new Backoff(retryBackoff, retryBackoffMax).after(attempts);
	}

	/**
	 * The send-worker Job the API creates when {@code launcher} is kubernetes: a JVM
	 * running the whole send, so it has its own resources and pull policy (the CronJob's
	 * by default), not the CLI Jobs'. It mounts the files claim at
	 * {@code allocation.files.dir}, which it reads from the same config map as the API.
	 *
	 * @param image send-worker image for the Kubernetes launcher
	 * @param configMap config map giving the worker its environment
	 * @param secret secret giving the worker its environment (database password)
	 * @param serviceAccount service account of the worker Jobs (they create CLI Jobs)
	 * @param timeout how long the API waits for the worker Job
	 * @param startGrace how long a worker Job may take to start and take the batch it was
	 * handed before another send may run it
	 * @param imagePullPolicy pull policy of the worker Jobs
	 * @param cpuRequest CPU request of the worker Jobs (the CronJob's), not the CLI Jobs'
	 * @param memoryRequest memory request of the worker Jobs
	 * @param cpuLimit CPU limit of the worker Jobs
	 * @param memoryLimit memory limit of the worker Jobs
	 * @param namespace where worker Jobs are created (default: the API pod's namespace)
	 * @param pvcName the shared ReadWriteMany claim of the files directory
	 * @param runAsUser non-root uid (and group, fsGroup) of the worker Jobs' pods
	 * @param backoffLimit worker Job retries (the batch retry is ours)
	 * @param ttlAfterFinished how long a finished worker Job is kept
	 * @param apiRetries attempts on transient Kubernetes API errors
	 */
	public record Worker(@DefaultValue("kasbench/globeco-allocation-send-job:latest") String image,
			@DefaultValue("globeco-allocation-service-config") String configMap,
			@DefaultValue("globeco-allocation-service-secret") String secret,
			@DefaultValue("globeco-allocation-service") String serviceAccount,
			@DefaultValue("45m") @DurationMin(millis = 1) Duration timeout,
			@DefaultValue("5m") @DurationMin(millis = 1) Duration startGrace,
			@DefaultValue("IfNotPresent") String imagePullPolicy, @DefaultValue("250m") String cpuRequest,
			@DefaultValue("512Mi") String memoryRequest, @DefaultValue("1") String cpuLimit,
			@DefaultValue("1Gi") String memoryLimit, String namespace,
			@DefaultValue("globeco-allocation-files") String pvcName, @DefaultValue("10001") @Positive long runAsUser,
			@DefaultValue("0") @PositiveOrZero int backoffLimit,
			@DefaultValue("1h") @DurationMin(millis = 0) Duration ttlAfterFinished,
			@DefaultValue("5") @Positive int apiRetries) {
	}

	/**
	 * Regular expressions (searched in the CLI's {@code error_message}, tried in this
	 * order) that decide what became of a row; a message none of them matches counts as
	 * not delivered. The defaults are the real CLI's and Portfolio Accounting's wording
	 * (see docs/sending.md).
	 *
	 * @param notDelivered messages of rows that did not reach Portfolio Accounting: sent
	 * again
	 * @param deliveredEarlier messages of rows Portfolio Accounting already holds:
	 * accepted
	 * @param refused messages of rows refused on their merits (a validator's message on
	 * one of the transaction's fields, or the CLI's own row checks; a per-row storage
	 * error such as {@code repository: ...} is not one): final until an operator requeues
	 * them
	 */
	public record Verdict(@DefaultValue( {
			"^HTTP \\d{3}: ", "^(Post|Get|Put) \"[^\"]*\": ", "context deadline exceeded", "connection refused",
			"connection reset", "no such host", "i/o timeout", "Client\\.Timeout", "EOF$",
			"^processing: " }) List<String> notDelivered,
			@DefaultValue({ "(?i)source ?id must be unique", "(?i)duplicate key" }) List<String> deliveredEarlier,
			@DefaultValue({
					"^(portfolioId|securityId|sourceId|transactionType|quantity|price|transactionDate|transaction): \\S",
					"^(portfolio_id|security_id|source_id|transaction_type|quantity|price|transaction_date) ",
					"^invalid transaction_type", "^insufficient fields" }) List<String> refused){
	}
}
