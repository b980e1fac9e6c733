package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Looks up many execution service ids at once. The Trade Service takes one id per call,
 * so the calls run in parallel, at most {@code allocation.trade.max-concurrent-lookups}
 * at a time across the whole process (the bound protects the Trade Service while it
 * autoscales, whatever number of requests arrive together).
 */
@Component
public class ParallelTradeOrderLookups {

	private final TradeOrderLookup lookup;

	private final ExecutorService executor;

	private final Semaphore permits;

	ParallelTradeOrderLookups(TradeOrderLookup lookup, @Qualifier("tradeLookupExecutor") ExecutorService executor,
			TradeServiceProperties properties) {
		this.lookup = lookup;
		this.executor = executor;
		this.permits = new Semaphore(properties.maxConcurrentLookups(), true);
	}

	public Map<Integer, TradeOrderLookup.Result> findAll(List<Integer> executionServiceIds) {
		Map<Integer, TradeOrderLookup.Result> results = new LinkedHashMap<>();
		if (executionServiceIds.size() == 1) {
			int id = executionServiceIds.getFirst();
			results.put(id, bounded(id)); // the common single-element post: no thread
											// hand-off
			return results;
		}
		Map<Integer, CompletableFuture<TradeOrderLookup.Result>> pending = new LinkedHashMap<>();
		for (int id : executionServiceIds) {
			pending.put(id, CompletableFuture.supplyAsync(() -> bounded(id), executor));
		}
		pending.forEach((id, future) -> results.put(id, future.join()));
		return results;
	}

	private TradeOrderLookup.Result bounded(int executionServiceId) {
		permits.acquireUninterruptibly();
		try {
			return lookup.find(executionServiceId);
		}
		finally {
			permits.release();
		}
	}

}
