package org.kasbench.globeco.allocation.execution.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Today's trade date, in the zone the desk trades in (not the server's, not UTC). */
public final class TradeDateClock {

	private final Clock clock;

	public TradeDateClock(Clock clock, ZoneId tradeDateZone) {
		this.clock = clock.withZone(tradeDateZone);
	}

	public LocalDate today() {
		return LocalDate.now(clock);
	}

}
