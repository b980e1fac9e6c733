package org.kasbench.globeco.allocation;

import org.kasbench.globeco.allocation.execution.domain.TradeDateClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * What both deployables share beyond the repositories: the clock and the trade-date zone.
 */
@Configuration(proxyBeanMethods = false)
public class AllocationCommonConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	TradeDateClock tradeDateClock(Clock clock, @Value("${allocation.trade-date-zone:America/New_York}") ZoneId zone) {
		return new TradeDateClock(clock, zone);
	}

}
