package org.kasbench.globeco.allocation.api.local;

import org.kasbench.globeco.allocation.api.AllocationApiApplication;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The API as {@code scripts/run-local.sh} runs it: the {@code local} profile (this
 * machine's PostgreSQL, see {@code application-local.yml} beside it) with the Trade
 * Service stand-in started first, in the same JVM.
 *
 * <p>
 * It lives in the test sources, like the stand-ins it uses, so neither is in the
 * production jar or image. The port is {@code allocation.local.trade-stand-in-port}
 * (default 18082), given as a system property, an environment variable
 * ({@code ALLOCATION_LOCAL_TRADESTANDINPORT}) or
 * {@code --allocation.local.trade-stand-in-port=}.
 */
public final class LocalAllocationService {

	static final String PORT_PROPERTY = "allocation.local.trade-stand-in-port";

	private LocalAllocationService() {
	}

	public static void main(String[] args) {
		TradeServiceStandIn trade = TradeServiceStandIn.start(tradeStandInPort(args));
		SpringApplication app = new SpringApplication(AllocationApiApplication.class);
		app.setAdditionalProfiles("local");
		app.addListeners((ApplicationListener<ContextClosedEvent>) event -> trade.close());
		try {
			app.run(args);
		}
		catch (RuntimeException e) {
			trade.close();
			throw e;
		}
	}

	static int tradeStandInPort(String[] args) {
		String prefix = "--" + PORT_PROPERTY + "=";
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				return Integer.parseInt(arg.substring(prefix.length()));
			}
		}
		String value = System.getProperty(PORT_PROPERTY, System.getenv("ALLOCATION_LOCAL_TRADESTANDINPORT"));
		return value == null || value.isBlank() ? 18082 : Integer.parseInt(value.trim());
	}

}
