package org.kasbench.globeco.allocation.api.tradeservice;

import feign.codec.Decoder;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.kasbench.globeco.allocation.api.web.CorrelationId;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientConnectionManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.net.ProxySelector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = TradeServiceClient.class)
class TradeServiceConfiguration {

	private static final TimeValue IDLE_CHECK = TimeValue.ofSeconds(2);

	/**
	 * Retries are {@link TradeOrderLookup}'s alone (counted, backed off, seen by the
	 * breaker), so Apache HttpClient's own (on a 503 or 429 among others) are off.
	 */
	@Bean
	HttpClientBuilderCustomizer tradeServiceWithoutClientRetries() {
		return HttpClientBuilder::disableAutomaticRetries;
	}

	@Bean
	Decoder tradeServiceAnswerDecoder(JsonMapper json) {
		return new TradeServiceAnswerDecoder(json);
	}

	@Bean
	HttpClientBuilderCustomizer tradeServiceProxyOncePerHost() {
		return builder -> builder.setRoutePlanner(new ProxyOncePerHost(ProxySelector.getDefault()));
	}

	/**
	 * A connection idle for a while is checked before reuse: the Trade Service closes
	 * idle ones.
	 */
	@Bean
	HttpClientConnectionManagerBuilderCustomizer tradeServiceIdleConnectionCheck() {
		return (pool) -> pool
			.setDefaultConnectionConfig(ConnectionConfig.custom().setValidateAfterInactivity(IDLE_CHECK).build());
	}

	@Bean
	TaggedRetryMetrics tradeServiceRetryMetrics(RetryRegistry retries) {
		return TaggedRetryMetrics.ofRetryRegistry(retries);
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
