package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Looks up many execution service ids at once. The Trade Service takes one id per call,
 * so the calls run in parallel; {@link TradeOrderLookup}'s bulkhead bounds how many are
 * in flight across the whole process (the bound protects the Trade Service while it
 * autoscales, whatever number of requests arrive together).
 */
@Component
public class ParallelTradeOrderLookups {

	private final TradeOrderLookup lookup;

	private final ExecutorService executor;

	ParallelTradeOrderLookups(TradeOrderLookup lookup, @Qualifier("tradeLookupExecutor") ExecutorService executor) {
		this.lookup = lookup;
		this.executor = executor;
	}

	public Map<Integer, TradeOrderLookup.Result> findAll(List<Integer> executionServiceIds) {
		Map<Integer, TradeOrderLookup.Result> results = new LinkedHashMap<>();
		if (executionServiceIds.size() == 1) {
			int id = executionServiceIds.getFirst();
			results.put(id, lookup.find(id)); // the common single-element post: no
												// thread hand-off
			return results;
		}
		Map<Integer, CompletableFuture<TradeOrderLookup.Result>> pending = new LinkedHashMap<>();
		for (int id : executionServiceIds) {
			pending.put(id, CompletableFuture.supplyAsync(() -> lookup.find(id), executor));
		}
		pending.forEach((id, future) -> results.put(id, future.join()));
		return results;
	}

}
