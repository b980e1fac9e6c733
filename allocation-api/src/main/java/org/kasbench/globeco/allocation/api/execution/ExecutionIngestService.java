package org.kasbench.globeco.allocation.api.execution;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.kasbench.globeco.allocation.api.tradeservice.ParallelTradeOrderLookups;
import org.kasbench.globeco.allocation.api.tradeservice.TradeOrderLookup;
import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.execution.domain.ExecutionRepository;
import org.kasbench.globeco.allocation.execution.domain.IncomingExecution;
import org.kasbench.globeco.allocation.execution.domain.IngestFailure;
import org.kasbench.globeco.allocation.execution.domain.IngestOutcome;
import org.kasbench.globeco.allocation.execution.domain.IngestSummary;
import org.kasbench.globeco.allocation.execution.domain.NewExecution;
import org.kasbench.globeco.allocation.execution.domain.TradeDateClock;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Takes an ingest request element by element: validate, skip open executions, look the
 * closed ones up in the Trade Service in parallel, store every enriched execution of the
 * request in one statement, and answer the rest (repeats, and failed look-ups of
 * executions stored earlier) from what is stored. A new execution costs one statement:
 * repeats are rare retries, so they pay for a look-up instead of every execution paying
 * for a read before its insert. Each element gets exactly one outcome; nothing invalid is
 * ever stored.
 */
@Service
class ExecutionIngestService {

	private final ExecutionRepository executions;

	private final ParallelTradeOrderLookups tradeOrders;

	private final Validator validator;

	private final JsonMapper json;

	private final TradeDateClock tradeDates;

	ExecutionIngestService(ExecutionRepository executions, ParallelTradeOrderLookups tradeOrders, Validator validator,
			JsonMapper json, TradeDateClock tradeDates) {
		this.executions = executions;
		this.tradeOrders = tradeOrders;
		this.validator = validator;
		this.json = json;
		this.tradeDates = tradeDates;
	}

	IngestSummary ingest(List<JsonNode> elements) {
		IngestOutcome[] outcomes = new IngestOutcome[elements.size()];
		Map<Integer, IncomingExecution> firstById = new LinkedHashMap<>();
		Map<Integer, Integer> firstIndexById = new HashMap<>();
		Map<Integer, Integer> repeatedIdByIndex = new LinkedHashMap<>();

		for (int i = 0; i < elements.size(); i++) {
			JsonNode element = elements.get(i);
			IncomingExecution incoming;
			try {
				incoming = read(element);
			}
			catch (InvalidElement e) {
				outcomes[i] = IngestOutcome.failed(i, idOf(element), IngestFailure.VALIDATION_FAILED, e.getMessage());
				continue;
			}
			if (incoming.isOpen()) {
				outcomes[i] = IngestOutcome.skipped(i, incoming.executionServiceId());
			}
			else if (firstIndexById.putIfAbsent(incoming.executionServiceId(), i) != null) {
				repeatedIdByIndex.put(i, incoming.executionServiceId());
			}
			else {
				firstById.put(incoming.executionServiceId(), incoming);
			}
		}

		Map<Integer, TradeOrderLookup.Result> lookups = tradeOrders.findAll(List.copyOf(firstById.keySet()));

		LocalDate tradeDate = tradeDates.today();
		List<NewExecution> toInsert = new ArrayList<>();
		lookups.forEach((id, result) -> {
			if (result.order() != null) {
				toInsert.add(NewExecution.enrich(firstById.get(id), result.order(), tradeDate));
			}
		});
		// In id order, so overlapping requests take their row locks in the same order and
		// never deadlock.
		toInsert.sort(Comparator.comparingInt(NewExecution::executionServiceId));
		Map<Integer, Execution> inserted = executions.insertNew(toInsert)
			.stream()
			.collect(Collectors.toMap(Execution::executionServiceId, e -> e));
		// Not inserted: a repeat (stored earlier or meanwhile by a concurrent request)
		// and a failed look-up; what is stored answers both.
		List<Integer> notInserted = firstById.keySet().stream().filter(id -> !inserted.containsKey(id)).toList();
		Map<Integer, Execution> stored = executions.findByExecutionServiceIds(notInserted);

		firstById.keySet().forEach(id -> {
			int index = firstIndexById.get(id);
			TradeOrderLookup.Result lookup = lookups.get(id);
			if (inserted.containsKey(id)) {
				outcomes[index] = IngestOutcome.stored(index, inserted.get(id));
			}
			else if (stored.containsKey(id)) {
				outcomes[index] = IngestOutcome.duplicate(index, stored.get(id));
			}
			else {
				outcomes[index] = IngestOutcome.failed(index, id, lookup.failure(), lookup.message());
			}
		});
		repeatedIdByIndex.forEach((index, id) -> {
			IngestOutcome first = outcomes[firstIndexById.get(id)];
			outcomes[index] = first.status().isStored() ? IngestOutcome.duplicate(index, first.execution())
					: IngestOutcome.failed(index, id, first.failure(),
							"Same executionServiceId as element " + first.requestIndex() + ": " + first.message());
		});
		return IngestSummary.of(List.of(outcomes));
	}

	private IncomingExecution read(JsonNode element) {
		if (element == null || !element.isObject()) {
			throw new InvalidElement("element must be a JSON object");
		}
		IncomingExecution incoming;
		try {
			ExecutionPostDto dto = json.treeToValue(element, ExecutionPostDto.class);
			List<String> textProblems = dto.textProblems();
			if (!textProblems.isEmpty()) {
				throw new InvalidElement(String.join("; ", textProblems));
			}
			incoming = dto.toDomain();
		}
		catch (DatabindException e) {
			throw new InvalidElement(describe(e));
		}
		catch (JacksonException e) {
			throw new InvalidElement("element could not be read");
		}
		var violations = validator.validate(incoming);
		if (!violations.isEmpty()) {
			throw new InvalidElement(violations.stream()
				.sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
				.map(v -> v.getPropertyPath() + " " + v.getMessage())
				.collect(Collectors.joining("; ")));
		}
		return incoming;
	}

	/**
	 * Names the offending field and the expected type, never a class name or a stack
	 * trace.
	 */
	private static String describe(DatabindException e) {
		String field = e.getPath()
			.stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
		return (field.isEmpty() ? "element" : field) + " has the wrong type or format";
	}

	private static Integer idOf(JsonNode element) {
		JsonNode id = element == null ? null : element.get("executionServiceId");
		return id != null && id.canConvertToInt() && id.isIntegralNumber() ? id.intValue() : null;
	}

	private static final class InvalidElement extends RuntimeException {

		InvalidElement(String message) {
			super(message, null, false, false);
		}

	}

}
