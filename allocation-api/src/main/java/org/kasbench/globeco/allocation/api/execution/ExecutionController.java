package org.kasbench.globeco.allocation.api.execution;

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
class ExecutionController {

    static final int MAX_EXECUTIONS_PER_POST = 100;
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ExecutionIngestService ingest;
    private final ExecutionRepository executions;
    private final IngestMetrics metrics;

    ExecutionController(ExecutionIngestService ingest, ExecutionRepository executions, IngestMetrics metrics) {
        this.ingest = ingest;
        this.executions = executions;
        this.metrics = metrics;
    }

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

    @GetMapping(path = ApiRoutes.EXECUTIONS, produces = MediaType.APPLICATION_JSON_VALUE)
    ExecutionPage list(@RequestParam MultiValueMap<String, String> params) {
        return ExecutionPage.from(executions.find(ExecutionQueryParameters.parse(params)));
    }

    @GetMapping(path = {ApiRoutes.EXECUTION_BY_ID, ApiRoutes.EXECUTION_BY_ID_SINGULAR},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ExecutionDto get(@PathVariable int id) {
        return executions.findById(id).map(ExecutionDto::from)
                .orElseThrow(() -> ApiException.notFound("No execution with id " + id));
    }
}
