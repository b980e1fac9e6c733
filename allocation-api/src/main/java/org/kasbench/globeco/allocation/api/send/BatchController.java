package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kasbench.globeco.allocation.api.web.ApiError;
import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.api.web.PageParameters;
import org.kasbench.globeco.allocation.api.web.Pagination;
import org.kasbench.globeco.allocation.send.domain.BatchAudit;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.RetryNotPossibleException;
import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The batch resource: the audit of every send, newest first, with its outcome and status
 * history, and the operator's actions on a batch (retry it now, requeue its refused
 * rows). The actions keep the OpenAPI tag of the send, which they had before they moved
 * here, so generated clients keep them where they were ({@code SendApi}, beside
 * {@code BatchesApi}); hence tags per operation rather than one for the class.
 */
@RestController
class BatchController {

	private static final String AUDIT_TAG = "Batches";

	private static final String AUDIT_TAG_DESCRIPTION = "Audit of sends, with their outcome and status history";

	private final BatchAudit batches;

	private final ExecutionSender sender;

	private final int attentionAfterAttempts;

	BatchController(BatchAudit batches, ExecutionSender sender, SendProperties properties) {
		this.batches = batches;
		this.sender = sender;
		this.attentionAfterAttempts = properties.attentionAfterAttempts();
	}

	record BatchPage(List<BatchDto> batches, Pagination pagination) {
	}

	@Tag(name = AUDIT_TAG, description = AUDIT_TAG_DESCRIPTION)
	@Operation(operationId = "listBatches", summary = "List batches, newest first",
			parameters = {
					@Parameter(name = "limit", in = ParameterIn.QUERY,
							schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "50")),
					@Parameter(name = "offset", in = ParameterIn.QUERY,
							schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) })
	@ApiResponse(responseCode = "200", description = "A page of batches")
	@ApiResponse(responseCode = "400", description = "A bad or unknown parameter")
	@GetMapping(path = ApiRoutes.BATCHES, produces = MediaType.APPLICATION_JSON_VALUE)
	BatchPage list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
		List<ApiError.Detail> problems = new ArrayList<>();
		PageParameters.rejectUnknown(params, Set.of("limit", "offset"), problems);
		int limit = PageParameters.limit(params, problems);
		int offset = PageParameters.offset(params, problems);
		if (!problems.isEmpty()) {
			throw ApiException.badRequest("Invalid query parameters", problems);
		}
		Page<Batch> page = batches.list(limit, offset);
		return new BatchPage(
				page.items().stream().map(b -> BatchDto.from(b, attentionAfterAttempts, List.of(), List.of())).toList(),
				Pagination.of(page));
	}

	@Tag(name = AUDIT_TAG, description = AUDIT_TAG_DESCRIPTION)
	@Operation(operationId = "getBatch", summary = "One batch with its row verdicts and status history")
	@ApiResponse(responseCode = "200", description = "The batch")
	@ApiResponse(responseCode = "400", description = "The id is not an integer")
	@ApiResponse(responseCode = "404", description = "No such batch")
	@GetMapping(path = ApiRoutes.BATCH_BY_ID, produces = MediaType.APPLICATION_JSON_VALUE)
	BatchDto get(@PathVariable int id) {
		Batch batch = batches.find(id)
			.filter(b -> b.status() != BatchStatus.SEED)
			.orElseThrow(() -> ApiException.notFound("No batch with id " + id));
		return BatchDto.from(batch, attentionAfterAttempts, batches.recordedVerdicts(id), batches.history(id));
	}

	@Tag(name = SendController.TAG)
	@Operation(operationId = "retryBatch",
			summary = "Run a FAILED batch (or one whose process died) again now, with the rows it holds that are not delivered")
	@ApiResponse(responseCode = "200", description = "The batch finished")
	@ApiResponse(responseCode = "400", description = "The id is not an integer")
	@ApiResponse(responseCode = "404", description = "No such batch")
	@ApiResponse(responseCode = "409", description = "The batch is closed, or its run is alive (BATCH_NOT_RETRYABLE)")
	@ApiResponse(responseCode = "500", description = "Failed again (SEND_FAILED)")
	@ApiResponse(responseCode = "502",
			description = "The CLI failed again (CLI_FAILED), or rows still did not get through"
					+ " (ROWS_NOT_DELIVERED)")
	@ApiResponse(responseCode = "503",
			description = "Interrupted by the replica's shutdown (SEND_INTERRUPTED), or the database was lost"
					+ " (DATABASE_UNAVAILABLE)",
			headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "504", description = "The CLI timed out again (CLI_TIMEOUT)")
	@PostMapping(path = ApiRoutes.BATCH_RETRY, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SendResponse> retry(@PathVariable int id) {
		try {
			return SendController.respond(sender.retry(id), List.of());
		}
		catch (NoSuchElementException e) {
			throw ApiException.notFound("No batch with id " + id);
		}
		catch (RetryNotPossibleException e) {
			throw new ApiException(HttpStatus.CONFLICT, "BATCH_NOT_RETRYABLE", e.getMessage());
		}
	}

	@Tag(name = SendController.TAG)
	@Operation(operationId = "requeueRefusedRows",
			summary = "Send the rows Portfolio Accounting refused once more, after its reference data was fixed",
			description = "Only for a batch that is not running. The rows go out with the batch's next attempt: the next"
					+ " send or send-worker run, or POST .../retry now.")
	@ApiResponse(responseCode = "200", description = "How many rows were requeued (0: the batch had none)")
	@ApiResponse(responseCode = "400", description = "The id is not an integer")
	@ApiResponse(responseCode = "404", description = "No such batch")
	@ApiResponse(responseCode = "409", description = "The batch is running (BATCH_RUNNING)")
	@PostMapping(path = ApiRoutes.BATCH_REQUEUE_REFUSED, produces = MediaType.APPLICATION_JSON_VALUE)
	RequeueResponse requeueRefused(@PathVariable int id) {
		try {
			int requeued = sender.requeueRefused(id);
			return new RequeueResponse(id, requeued, requeued == 0 ? "The batch has no refused rows"
					: requeued + " refused rows will be sent again by the batch's next attempt");
		}
		catch (NoSuchElementException e) {
			throw ApiException.notFound("No batch with id " + id);
		}
		catch (RetryNotPossibleException e) {
			throw new ApiException(HttpStatus.CONFLICT, "BATCH_RUNNING", e.getMessage());
		}
	}

	/** The answer to a requeue of refused rows. */
	record RequeueResponse(int batchId, int requeuedCount, String message) {
	}

}
