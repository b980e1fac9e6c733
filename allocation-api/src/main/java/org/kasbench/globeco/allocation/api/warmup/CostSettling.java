package org.kasbench.globeco.allocation.api.warmup;

/**
 * Decides when the warm-up's cost per request has stopped falling: the JIT has compiled
 * what the warm-up exercises, so more warm-up would only delay readiness. Fed one window
 * at a time; settled once the cheapest of the last {@code windows} windows is no more
 * than {@code tolerance} cheaper than the cheapest window before them. Comparing minima
 * keeps a single slow window (a collection, a neighbour's burst) from either ending or
 * prolonging the warm-up.
 */
final class CostSettling {

	private final double tolerance;

	private final double[] recent;

	private int seen;

	private double cheapestBefore = Double.POSITIVE_INFINITY;

	CostSettling(double tolerance, int windows) {
		this.tolerance = tolerance;
		this.recent = new double[windows];
	}

	/**
	 * Records one window. A window without a completed request tells nothing and is
	 * skipped.
	 * @param requests requests completed in the window
	 * @param cost what the window cost (CPU nanoseconds, say)
	 * @return whether the cost per request has settled
	 */
	boolean settledAfter(long requests, long cost) {
		if (requests <= 0) {
			return false;
		}
		int slot = seen % recent.length;
		if (seen >= recent.length) {
			cheapestBefore = Math.min(cheapestBefore, recent[slot]);
		}
		recent[slot] = (double) cost / requests;
		seen++;
		if (seen <= recent.length) {
			return false;
		}
		double cheapestRecent = Double.POSITIVE_INFINITY;
		for (double perRequest : recent) {
			cheapestRecent = Math.min(cheapestRecent, perRequest);
		}
		return cheapestRecent >= cheapestBefore * (1 - tolerance);
	}

}
