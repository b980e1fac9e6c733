package org.kasbench.globeco.allocation.api.warmup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostSettlingTest {

	/** Windows of 100 requests each: the results of feeding these costs per request. */
	private static boolean[] feed(CostSettling settling, long... costsPerRequest) {
		boolean[] settled = new boolean[costsPerRequest.length];
		for (int i = 0; i < costsPerRequest.length; i++) {
			settled[i] = settling.settledAfter(100, costsPerRequest[i] * 100);
		}
		return settled;
	}

	@Test
	void aCostStillFallingByMoreThanTheToleranceIsNotSettled() {
		assertThat(feed(new CostSettling(0.1, 3), 1000, 800, 640, 512, 410, 328)).containsOnly(false);
	}

	@Test
	void settlesOnceTheLastWindowsAreNoCheaperThanTheCheapestBeforeThemByMoreThanTheTolerance() {
		assertThat(feed(new CostSettling(0.1, 3), 1000, 500, 300, 290, 295, 285)).containsExactly(false, false, false,
				false, false, true);
	}

	@Test
	void oneSlowWindowNeitherSettlesNorUnsettlesIt() {
		assertThat(feed(new CostSettling(0.1, 3), 1000, 500, 300, 900, 295, 290)).containsExactly(false, false, false,
				false, false, true);
		assertThat(feed(new CostSettling(0.1, 3), 1000, 300, 300, 300, 300, 5000, 300)).containsExactly(false, false,
				false, false, true, true, true);
	}

	@Test
	void needsMoreWindowsThanItCompares() {
		assertThat(feed(new CostSettling(0.1, 3), 300, 300, 300, 300)).containsExactly(false, false, false, true);
	}

	@Test
	void windowsWithoutRequestsAreSkipped() {
		CostSettling settling = new CostSettling(0.1, 2);
		assertThat(settling.settledAfter(0, 1_000_000)).isFalse();
		assertThat(feed(settling, 300, 300, 300)).containsExactly(false, false, true);
	}

}
