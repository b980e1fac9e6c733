package org.kasbench.globeco.allocation.api.tradeservice;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.kasbench.globeco.allocation.api.web.CorrelationId;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class TradeServiceConfiguration {

	private static final TimeValue IDLE_CHECK = TimeValue.ofSeconds(2);

	/**
	 * Blocking Apache HttpClient 5: a look-up runs on the thread that asked for it, and
	 * the pool keeps connections alive across requests. Retries are
	 * {@link TradeOrderLookup}'s alone (counted, backed off, seen by the breaker), so the
	 * client's own are off. A connection idle for a while is checked before reuse: the
	 * Trade Service closes idle ones. Closed with the context.
	 */
	@Bean
	HttpComponentsClientHttpRequestFactory tradeServiceRequestFactory(TradeServiceProperties properties) {
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnTotal(properties.maxConnections())
				.setMaxConnPerRoute(properties.maxConnections()))
			.withConnectionConfigCustomizer((connection) -> connection.setValidateAfterInactivity(IDLE_CHECK))
			.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
			.build(HttpClientSettings.defaults()
				.withTimeouts(Duration.ofMillis(properties.connectTimeoutMs()),
						Duration.ofMillis(properties.readTimeoutMs())));
	}

	@Bean
	TradeServiceClient tradeServiceClient(RestClient.Builder builder,
			HttpComponentsClientHttpRequestFactory tradeServiceRequestFactory, TradeServiceProperties properties) {
		RestClient restClient = builder.baseUrl(properties.url()).requestFactory(tradeServiceRequestFactory).build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(TradeServiceClient.class);
	}

	@Bean
	CircuitBreakerRegistry tradeServiceCircuitBreakerRegistry() {
		return CircuitBreakerRegistry.ofDefaults();
	}

	@Bean
	RetryRegistry tradeServiceRetryRegistry() {
		return RetryRegistry.ofDefaults();
	}

	@Bean
	TaggedRetryMetrics tradeServiceRetryMetrics(RetryRegistry tradeServiceRetryRegistry) {
		return TaggedRetryMetrics.ofRetryRegistry(tradeServiceRetryRegistry);
	}

	@Bean
	TaggedCircuitBreakerMetrics tradeServiceCircuitBreakerMetrics(CircuitBreakerRegistry circuitBreakers) {
		return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers);
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
