package org.kasbench.globeco.allocation.api.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kasbench.globeco.allocation.api.web.ApiError;
import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.execution.domain.ExecutionRepository;
import org.kasbench.globeco.allocation.execution.domain.IngestSummary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Executions", description = "Ingest and query closed executions")
class ExecutionController {

	static final int MAX_EXECUTIONS_PER_POST = 100;

	private static final String RETRY_AFTER_SECONDS = "5";

	static final String CONFIRMATION_SERVICE_EXAMPLE = """
			[{"executionServiceId":27,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY","destination":"ML",
			  "securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":1000,"limitPrice":null,
			  "receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",
			  "lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":1000,"totalAmount":190409.6,
			  "averagePrice":190.4096}]""";

	/** The answer to {@link #CONFIRMATION_SERVICE_EXAMPLE}, as the service gives it. */
	static final String STORED_EXAMPLE = """
			{"status":"SUCCESS","message":"All 1 executions processed","totalRequested":1,"successful":1,"duplicates":0,
			 "skipped":0,"failed":0,"results":[{"requestIndex":0,"executionServiceId":27,"status":"SUCCESS","code":null,
			 "message":"Execution stored","execution":{"id":4711,"executionServiceId":27,"isOpen":false,
			 "executionStatus":"FULL","tradeType":"BUY","destination":"ML","tradeDate":"2025-05-27",
			 "securityId":"68336002fe95851f0a2aeda9","portfolioId":"684f125ac19ad4fb89bc14ba","orderId":148,"ticker":"IBM",
			 "quantity":1000,"limitPrice":null,"receivedTimestamp":1748356767.509362,"sentTimestamp":1748356767.512467,
			 "lastFilledTimestamp":1748356904.160271,"quantityFilled":1000,"totalAmount":190409.6,"averagePrice":190.4096,
			 "readyToSendTimestamp":1748356905.031877,"batchId":null,"version":1}}]}""";

	/** A post whose only element the Trade Service does not know. */
	static final String FAILED_EXAMPLE = """
			{"status":"FAILED","message":"All 1 executions failed","totalRequested":1,"successful":0,"duplicates":0,
			 "skipped":0,"failed":1,"results":[{"requestIndex":0,"executionServiceId":27,"status":"FAILED",
			 "code":"TRADE_EXECUTION_NOT_FOUND","message":"Trade Service has no execution with executionServiceId 27"}]}""";

	private final ExecutionIngestService ingest;

	private final ExecutionRepository executions;

	private final IngestMetrics metrics;

	ExecutionController(ExecutionIngestService ingest, ExecutionRepository executions, IngestMetrics metrics) {
		this.ingest = ingest;
		this.executions = executions;
		this.metrics = metrics;
	}

	@Operation(operationId = "ingestExecutions",
			summary = "Store closed executions (1 to 100), each enriched with its portfolio",
			description = "Each element gets its own result: SUCCESS, DUPLICATE (already stored; the stored one is returned), "
					+ "SKIPPED (open) or FAILED with a code. Safe to repeat.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = ExecutionPostDto.class), minItems = 1,
							maxItems = MAX_EXECUTIONS_PER_POST),
					examples = @ExampleObject(name = "Confirmation Service", value = CONFIRMATION_SERVICE_EXAMPLE))))
	@ApiResponse(responseCode = "201", description = "No element failed",
			content = @Content(schema = @Schema(implementation = IngestResponse.class),
					examples = @ExampleObject(name = "stored", value = STORED_EXAMPLE)))
	@ApiResponse(responseCode = "207", description = "Some elements failed, some did not",
			content = @Content(schema = @Schema(implementation = IngestResponse.class)))
	@ApiResponse(responseCode = "400",
			description = "Every element failed validation or look-up (IngestResponse), "
					+ "or the body is not a non-empty JSON array (ApiError)",
			content = @Content(schema = @Schema(oneOf = { IngestResponse.class, ApiError.class }),
					examples = @ExampleObject(name = "unknown to the Trade Service", value = FAILED_EXAMPLE)))
	@ApiResponse(responseCode = "413", description = "More than 100 elements, or a body over the size limit")
	@ApiResponse(responseCode = "415", description = "Not application/json")
	@ApiResponse(responseCode = "503",
			description = "Every element failed and the Trade Service was unavailable: " + "retry the whole request",
			headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = "integer")),
			content = @Content(schema = @Schema(implementation = IngestResponse.class)))
	@PostMapping(path = ApiRoutes.EXECUTIONS, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<IngestResponse> post(@RequestBody JsonNode body) {
		if (body == null || !body.isArray()) {
			throw ApiException.badRequest("Request body must be a JSON array of executions", List.of());
		}
		if (body.isEmpty()) {
			throw ApiException.badRequest("Request body must hold at least one execution", List.of());
		}
		if (body.size() > MAX_EXECUTIONS_PER_POST) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "TOO_MANY_EXECUTIONS",
					"At most " + MAX_EXECUTIONS_PER_POST + " executions per request; got " + body.size());
		}
		List<JsonNode> elements = new ArrayList<>(body.size());
		body.values().forEach(elements::add);
		IngestSummary summary = ingest.ingest(elements);
		metrics.record(summary);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(statusOf(summary));
		if (summary.retryableAsAWhole()) {
			response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return response.body(IngestResponse.from(summary));
	}

	private static HttpStatus statusOf(IngestSummary summary) {
		return switch (summary.verdict()) {
			case SUCCESS -> HttpStatus.CREATED;
			case PARTIAL_SUCCESS -> HttpStatus.MULTI_STATUS;
			case FAILED -> summary.retryableAsAWhole() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
		};
	}

	@Operation(operationId = "listExecutions", summary = "List executions, paged, with exact-match filters and sorting",
			parameters = {
					@Parameter(name = "limit", in = ParameterIn.QUERY,
							schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "50")),
					@Parameter(name = "offset", in = ParameterIn.QUERY,
							schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")),
					@Parameter(name = "sortBy", in = ParameterIn.QUERY,
							description = "Comma list of fields, '-' for descending", example = "-tradeDate,id",
							schema = @Schema(type = "string")),
					@Parameter(name = "executionStatus", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
					@Parameter(name = "tradeType", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
					@Parameter(name = "destination", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
					@Parameter(name = "ticker", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
					@Parameter(name = "portfolioId", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
					@Parameter(name = "securityId", in = ParameterIn.QUERY, schema = @Schema(type = "string")),
					@Parameter(name = "executionServiceId", in = ParameterIn.QUERY, schema = @Schema(type = "integer")),
					@Parameter(name = "tradeDate", in = ParameterIn.QUERY,
							schema = @Schema(type = "string", format = "date")) })
	@ApiResponse(responseCode = "200", description = "A page of executions")
	@ApiResponse(responseCode = "400", description = "A bad or unknown parameter")
	@GetMapping(path = ApiRoutes.EXECUTIONS, produces = MediaType.APPLICATION_JSON_VALUE)
	ExecutionPage list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
		return ExecutionPage.from(executions.find(ExecutionQueryParameters.parse(params)));
	}

	@Operation(operationId = "getExecution", summary = "One execution")
	@ApiResponse(responseCode = "200", description = "The execution")
	@ApiResponse(responseCode = "400", description = "The id is not an integer")
	@ApiResponse(responseCode = "404", description = "No such execution")
	@GetMapping(path = ApiRoutes.EXECUTION_BY_ID, produces = MediaType.APPLICATION_JSON_VALUE)
	ExecutionDto get(@PathVariable int id) {
		return executions.findById(id)
			.map(ExecutionDto::from)
			.orElseThrow(() -> ApiException.notFound("No execution with id " + id));
	}

	@Operation(operationId = "getExecutionOnTheSingularPath",
			summary = "One execution, on the requirements' singular path (the same as getExecution)")
	@ApiResponse(responseCode = "200", description = "The execution")
	@ApiResponse(responseCode = "400", description = "The id is not an integer")
	@ApiResponse(responseCode = "404", description = "No such execution")
	@GetMapping(path = ApiRoutes.EXECUTION_BY_ID_SINGULAR, produces = MediaType.APPLICATION_JSON_VALUE)
	ExecutionDto getOnTheSingularPath(@PathVariable int id) {
		return get(id);
	}

}
