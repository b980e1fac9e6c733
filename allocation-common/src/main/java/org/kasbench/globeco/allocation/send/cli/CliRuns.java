package org.kasbench.globeco.allocation.send.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CLI runs in flight in this process, each with the way to stop it: its whole process
 * tree in exec and docker mode, its Job in kubernetes mode. A shutdown stops them all, so
 * nothing this process started outlives it, and every run started after that is stopped
 * as soon as it starts.
 */
@Component
public class CliRuns {

	private static final Logger log = LoggerFactory.getLogger(CliRuns.class);

	private final Set<Runnable> stops = ConcurrentHashMap.newKeySet();

	private volatile boolean stopped;

	/** Stops every run in flight, and every later one as it starts. */
	public void stopAll() {
		stopped = true;
		stops.forEach(CliRuns::stop);
	}

	/** Lets runs go on again: the application context was started (again). */
	public void resume() {
		stopped = false;
	}

	/**
	 * True once {@link #stopAll()} was called: a run that did not succeed was stopped.
	 */
	public boolean stopped() {
		return stopped;
	}

	/**
	 * Registers how to stop a run that has started, until the returned handle is closed.
	 */
	public Registration register(Runnable stop) {
		stops.add(stop);
		if (stopped) {
			stop(stop);
		}
		return () -> stops.remove(stop);
	}

	private static void stop(Runnable stop) {
		try {
			stop.run();
		}
		catch (RuntimeException e) {
			log.warn("Cannot stop a CLI run: {}", e.getMessage());
		}
	}

	/** A run's registration, closed when the run has ended. */
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
