package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the Trade Service is called ({@code allocation.trade.*}): the HTTP client (handed
 * to the Feign client in {@code application.yml}) and the retries. The circuit breaker
 * and the bulkhead are configured under {@code resilience4j.*.instances.trade-service}.
 *
 * @param url Trade Service base URL
 * @param connectTimeoutMs connect timeout of each Trade Service call, in milliseconds
 * @param readTimeoutMs read timeout of each Trade Service call, in milliseconds
 * @param maxConnections pooled keep-alive connections to the Trade Service
 * @param maxAttempts attempts per look-up (retries on timeouts, I/O errors, 5xx, 429)
 * @param initialBackoff first retry delay
 * @param backoffMultiplier exponential backoff factor
 * @param backoffJitter randomization factor of each delay
 */
@ConfigurationProperties("allocation.trade")
public record TradeServiceProperties(@DefaultValue("http://globeco-trade-service:8082") String url,
		@DefaultValue("1000") int connectTimeoutMs, @DefaultValue("2000") int readTimeoutMs,
		@DefaultValue("200") int maxConnections, @DefaultValue("3") int maxAttempts,
		@DefaultValue("100ms") Duration initialBackoff, @DefaultValue("2.0") double backoffMultiplier,
		@DefaultValue("0.5") double backoffJitter) {
}
