package org.kasbench.globeco.allocation.api.info;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;

/** When this process started, on {@code /info}: which replica restarted, and when. */
@Component
class ProcessStartInfoContributor implements InfoContributor {

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("process", Map.of("startTime",
				Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString()));
	}

}
