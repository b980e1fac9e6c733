package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.cli.CliRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ends this process's sends early in its shutdown. A rolling update's SIGTERM arrives
 * while a CLI may run for minutes; waiting for it would outlast the pod's grace and the
 * caller would get no answer at all. So, before the web server's graceful shutdown starts
 * waiting for requests, every CLI run is stopped (its whole process tree, its container,
 * its Job), each attempt records the batch as interrupted by shutdown (due again at once)
 * and its caller gets its answer, and only then does the shutdown go on, with the
 * database still there for those records. How long it waits for the attempts is bounded
 * ({@link #RECORDING_BUDGET}, and {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
@Component
public class SendShutdown implements SmartLifecycle {

	/**
	 * Stopped before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024})
	 * waits for the requests in flight, a send among them.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * How long the shutdown waits for the stopped attempts to record their end: with the
	 * 5 s preStop pause and the web server's 30 s graceful phase, within the pod's 60 s
	 * grace even when the database is slow to answer.
	 */
	static final Duration RECORDING_BUDGET = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(SendShutdown.class);

	private final CliRuns runs;

	private final Object lock = new Object();

	private int attemptsInFlight;

	private volatile boolean running;

	SendShutdown(CliRuns runs) {
		this.runs = runs;
	}

	/**
	 * Runs one attempt of a batch, so that a shutdown waits until it has recorded its
	 * end.
	 */
	public <T> T track(Supplier<T> attempt) {
		synchronized (lock) {
			attemptsInFlight++;
		}
		try {
			return attempt.get();
		}
		finally {
			synchronized (lock) {
				attemptsInFlight--;
				lock.notifyAll();
			}
		}
	}

	@Override
	public void start() {
		runs.resume();
		running = true;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Only when stopped outside a shutdown: stops the CLI runs without waiting. */
	@Override
	public void stop() {
		running = false;
		runs.stopAll();
	}

	@Override
	public void stop(Runnable callback) {
		stop();
		Thread.ofVirtual().name("send-shutdown").start(() -> {
			awaitAttempts();
			callback.run();
		});
	}

	private void awaitAttempts() {
		long deadline = System.nanoTime() + RECORDING_BUDGET.toNanos();
		synchronized (lock) {
			if (attemptsInFlight > 0) {
				log.info("Shutting down: stopped the CLI runs; waiting for {} send attempts to record their end",
						attemptsInFlight);
			}
			while (attemptsInFlight > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					log.warn("Shutting down with {} send attempts still recording after {}", attemptsInFlight,
							RECORDING_BUDGET);
					return;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(lock, left);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
