package org.kasbench.globeco.allocation.send.domain;

import java.time.Duration;

/**
 * How long a FAILED batch waits for its next automatic attempt: {@code first} after the
 * first attempt, doubled after each further one, never more than {@code max}. It never
 * stops retrying.
 */
public record Backoff(Duration first, Duration max) {

	public Duration after(int attempts) {
		Duration wait = first;
		for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(max) < 0 ? wait : max;
	}

}
