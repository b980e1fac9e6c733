package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kasbench.globeco.allocation.api.web.ApiError;
import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.api.web.PageParameters;
import org.kasbench.globeco.allocation.send.launch.SendLauncher;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/executions/send}. The send takes no body (any body, JSON or not, is
 * ignored): the portal posts {@code {}}, a CronJob posts nothing.
 */
@RestController
@Tag(name = SendController.TAG, description = "Hand new executions to Portfolio Accounting")
class SendController {

	/**
	 * The OpenAPI tag of the operations that run a send, which a generated client groups
	 * into one class ({@code SendApi}).
	 */
	static final String TAG = "Send";

	/** Long enough for a rolling update to bring up the next replica. */
	private static final Duration SEND_INTERRUPTED_RETRY_AFTER = Duration.ofSeconds(5);

	private final ExecutionSender sender;

	private final SendLauncher launcher;

	SendController(ExecutionSender sender, SendLauncher launcher) {
		this.sender = sender;
		this.launcher = launcher;
	}

	/** A send that delivered three executions, as the service answers it. */
	static final String COMPLETED_EXAMPLE = """
			{"batchId":12,"status":"COMPLETED","processedCount":3,"acceptedCount":3,"deliveredEarlierCount":0,
			 "rejectedCount":0,"pendingCount":0,"fileName":"allocation-batch-000012-1.csv","executionMode":"exec",
			 "jobName":null,"startTime":1748357105.218337,"previousStartTime":1748356805.004921,
			 "message":"3 rows: 3 accepted (0 of them delivered earlier), 0 refused, 0 not delivered","retriedBatches":[]}""";

	static final String IN_PROGRESS_EXAMPLE = """
			{"status":409,"error":"Conflict","code":"SEND_IN_PROGRESS",
			 "message":"Another send is already in progress for this window; try again when it has finished",
			 "path":"/api/v1/executions/send","timestamp":1748357105.301542,
			 "correlationId":"9b2f4c1e-5d7a-4e0b-8f3a-2c6d1e9a7b40","details":[]}""";

	@Operation(operationId = "sendExecutions",
			summary = "Send every execution not sent yet to the Portfolio Accounting CLI, as one batch",
			description = "Takes no body; {} or any other body is ignored.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					content = {
							@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
									examples = @ExampleObject(name = "portal", value = "{}")),
							@Content(mediaType = MediaType.ALL_VALUE, schema = @Schema(type = "string")) }))
	@ApiResponse(responseCode = "200",
			description = "The batch finished: COMPLETED, COMPLETED_WITH_REJECTIONS or NOTHING_TO_SEND",
			content = @Content(schema = @Schema(implementation = SendResponse.class),
					examples = @ExampleObject(name = "completed", value = COMPLETED_EXAMPLE)))
	@ApiResponse(responseCode = "202",
			description = "Handed to a Kubernetes Job (wait=false), or still running in another process; follow Location",
			headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = SendResponse.class)))
	@ApiResponse(responseCode = "409",
			description = "Another send holds this window (SEND_IN_PROGRESS); nothing changed",
			content = @Content(schema = @Schema(implementation = ApiError.class),
					examples = @ExampleObject(name = "in progress", value = IN_PROGRESS_EXAMPLE)))
	@ApiResponse(responseCode = "500",
			description = "The send failed (SEND_FAILED), or the shared files directory could not be"
					+ " written (FILES_UNAVAILABLE); the batch is retried automatically")
	@ApiResponse(responseCode = "502",
			description = "The CLI or its Job failed (CLI_FAILED), or rows did not reach Portfolio"
					+ " Accounting (ROWS_NOT_DELIVERED); the batch is retried automatically")
	@ApiResponse(responseCode = "503",
			description = "The send was interrupted by the replica's shutdown (SEND_INTERRUPTED), or the database was"
					+ " lost (DATABASE_UNAVAILABLE); the batch is completed by the next run. Retry-After says when to"
					+ " send again",
			headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "504",
			description = "The CLI did not finish in time (CLI_TIMEOUT); the batch can be retried")
	@PostMapping(path = ApiRoutes.SEND, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SendResponse> send(@Parameter(
			description = "false: with the Kubernetes launcher, answer 202 without waiting for the Job") @RequestParam(
					defaultValue = "true") boolean wait,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
		// A misspelt parameter must not run a send that was meant to be different.
		List<ApiError.Detail> problems = new ArrayList<>();
		PageParameters.rejectUnknown(params, Set.of("wait"), problems);
		if (!problems.isEmpty()) {
			throw ApiException.badRequest("Invalid query parameters", problems);
		}
		List<Batch> retried = launcher.recoverDue();
		Batch opened;
		try {
			opened = sender.open();
		}
		catch (SendInProgressException e) {
			throw new ApiException(HttpStatus.CONFLICT, "SEND_IN_PROGRESS", e.getMessage());
		}
		return respond(launcher.launch(opened, wait), retried);
	}

	/**
	 * Finished: 200. Handed off: 202 and where to look. Failed: 502 (the CLI failed, or
	 * rows did not reach Portfolio Accounting), 504 (timeout) or 500, with the failed
	 * batch in {@code Location}; every failed batch is retried automatically, and can be
	 * retried now. A retry of a batch ({@link BatchController}) is answered the same way.
	 */
	static ResponseEntity<SendResponse> respond(Batch batch, List<Batch> retried) {
		if (batch.status().isRunning()) { // handed off, or taken over by another process
											// meanwhile
			return ResponseEntity.accepted().location(batchLocation(batch)).body(SendResponse.from(batch, retried));
		}
		if (batch.status() != BatchStatus.FAILED) {
			return ResponseEntity.ok(SendResponse.from(batch, retried));
		}
		String retry = " It is retried automatically by the next send or send-worker run"
				+ (batch.nextAttemptAt() == null ? "" : " from " + batch.nextAttemptAt()) + ", or now with POST "
				+ ApiRoutes.BATCHES + "/" + batch.id() + "/retry.";
		String what = "Batch " + batch.id() + ": ";
		ApiException failure = switch (batch.failureReason() == null ? FailureReason.INTERNAL_ERROR
				: batch.failureReason()) {
			case CLI_FAILED -> new ApiException(HttpStatus.BAD_GATEWAY, "CLI_FAILED",
					what + "the Portfolio Accounting CLI failed." + retry);
			case NOT_DELIVERED -> new ApiException(HttpStatus.BAD_GATEWAY, "ROWS_NOT_DELIVERED",
					what + batch.undeliveredCount() + " rows did not reach Portfolio Accounting." + retry);
			case CLI_TIMEOUT -> new ApiException(HttpStatus.GATEWAY_TIMEOUT, "CLI_TIMEOUT",
					what + "the Portfolio Accounting CLI did not finish in time." + retry);
			case FILES_UNAVAILABLE -> new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "FILES_UNAVAILABLE",
					what + "the shared files directory could not be written." + retry);
			case INTERRUPTED_BY_SHUTDOWN -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SEND_INTERRUPTED",
					what + "the send was interrupted by this replica's shutdown and its CLI stopped. It is due again"
							+ " at once: the next send or send-worker run completes it.")
				.retryAfter(SEND_INTERRUPTED_RETRY_AFTER);
			case REQUEUED, INTERNAL_ERROR ->
				new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "SEND_FAILED", what + "the send failed." + retry);
		};
		throw failure.at(batchLocation(batch));
	}

	private static URI batchLocation(Batch batch) {
		return URI.create(ApiRoutes.BATCHES + "/" + batch.id());
	}

}
