package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendProperties;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This process's lease on the batches it runs. While a run works (claiming, writing,
 * waiting for the CLI or its Kubernetes Job, recording) the lease is renewed every third
 * of its length, so only a batch whose process is gone ever has an expired lease, and
 * only such a batch is taken over.
 */
@Component
public class SendLease implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SendLease.class);

	private final BatchRepository batches;

	private final Duration duration;

	private final String owner;

	private final ScheduledExecutorService renewals = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("send-lease-renewal").factory());

	SendLease(BatchRepository batches, SendProperties properties) {
		this.batches = batches;
		this.duration = properties.lease();
		this.owner = hostName() + "/" + ProcessHandle.current().pid() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/** Who this process is in {@code batch_history.lease_owner}. */
	public String owner() {
		return owner;
	}

	public Duration duration() {
		return duration;
	}

	/**
	 * Runs {@code work}, an attempt of this process, renewing the attempt's lease until
	 * it returns.
	 */
	public <T> T whileHeld(Attempt attempt, Supplier<T> work) {
		long every = Math.max(duration.toMillis() / 3, 100);
		ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(attempt), every, every,
				TimeUnit.MILLISECONDS);
		try {
			return work.get();
		}
		finally {
			renewal.cancel(false);
		}
	}

	private void renew(Attempt attempt) {
		try {
			if (!batches.renewLease(attempt, duration)) {
				log.debug("Lease on batch {} not renewed: the batch has ended or was taken over", attempt.batchId());
			}
		}
		catch (RuntimeException e) {
			log.warn("Cannot renew the lease on batch {}: {}", attempt.batchId(), e.getMessage());
		}
	}

	@Override
	public void destroy() {
		renewals.shutdownNow();
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException e) {
			return "unknown-host";
		}
	}

}
