package org.kasbench.globeco.allocation.api.tradeservice;

import feign.FeignException;
import feign.RetryableException;

import java.util.function.Predicate;

/**
 * The Trade Service failures that may pass: no answer (connection refused or reset, a
 * timeout: Feign's {@link RetryableException}), a 5xx and a 429. Another 4xx, and an
 * answer that came but cannot be read, will not. Both the retry and the circuit breaker
 * go by it: the breaker through
 * {@code resilience4j.circuitbreaker.instances.trade-service.record-failure-predicate},
 * which names this class.
 */
public class TransientTradeServiceFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof RetryableException) {
			return true;
		}
		return failure instanceof FeignException answer && (answer.status() >= 500 || answer.status() == 429);
	}

}
