package org.kasbench.globeco.allocation.api.tradeservice;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.kasbench.globeco.allocation.api.web.CorrelationId;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class TradeServiceConfiguration {

	@Bean
	RetryRegistry tradeServiceRetryRegistry() {
		return RetryRegistry.ofDefaults();
	}

	@Bean
	TaggedRetryMetrics tradeServiceRetryMetrics(RetryRegistry tradeServiceRetryRegistry) {
		return TaggedRetryMetrics.ofRetryRegistry(tradeServiceRetryRegistry);
	}

	@Bean
	TaggedCircuitBreakerMetrics tradeServiceCircuitBreakerMetrics(Resilience4JCircuitBreakerFactory circuitBreakers) {
		return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers.getCircuitBreakerRegistry());
	}

	/**
	 * Look-ups block on I/O, so each gets a virtual thread;
	 * {@link ParallelTradeOrderLookups} bounds how many run. The request's observation
	 * (trace) and logging context travel with each look-up.
	 */
	@Bean(destroyMethod = "close")
	ExecutorService tradeLookupExecutor() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(CorrelationId.MDC_KEY));
		return ContextExecutorService.wrap(
				Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trade-lookup-", 0).factory()),
				ContextSnapshotFactory.builder().build()::captureAll);
	}

}
