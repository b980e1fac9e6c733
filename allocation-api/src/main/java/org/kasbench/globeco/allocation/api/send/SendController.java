package org.kasbench.globeco.allocation.api.send;

import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.batch.domain.BatchStatus;
import org.kasbench.globeco.allocation.batch.domain.SendBatch;
import org.kasbench.globeco.allocation.batch.domain.SendInProgressException;
import org.kasbench.globeco.allocation.send.ExecutionSender;
import org.kasbench.globeco.allocation.send.RetryNotPossibleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.NoSuchElementException;

/**
 * {@code POST /api/v1/executions/send} and {@code POST /api/v1/batches/{id}/retry}. The send takes no body
 * (any body, JSON or not, is ignored): the portal posts {@code {}}, a CronJob posts nothing.
 */
@RestController
class SendController {

    private final ExecutionSender sender;
    private final SendLauncher launcher;

    SendController(ExecutionSender sender, SendLauncher launcher) {
        this.sender = sender;
        this.launcher = launcher;
    }

    @PostMapping(path = ApiRoutes.SEND, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SendResponse> send(@RequestParam(defaultValue = "true") boolean wait) {
        SendBatch opened;
        try {
            opened = sender.open();
        } catch (SendInProgressException e) {
            throw new ApiException(HttpStatus.CONFLICT, "SEND_IN_PROGRESS", e.getMessage());
        }
        return respond(launcher.launch(opened, wait));
    }

    @PostMapping(path = ApiRoutes.BATCH_RETRY, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SendResponse> retry(@PathVariable int id) {
        try {
            return respond(sender.retry(id));
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("No batch with id " + id);
        } catch (RetryNotPossibleException e) {
            throw new ApiException(HttpStatus.CONFLICT, "BATCH_NOT_RETRYABLE", e.getMessage());
        }
    }

    /** Finished: 200. Handed off: 202 and where to look. Failed: 502 (CLI), 504 (timeout) or 500, and retryable. */
    static ResponseEntity<SendResponse> respond(SendBatch batch) {
        if (batch.status() == BatchStatus.STARTED) {
            return ResponseEntity.accepted().location(URI.create(ApiRoutes.BATCHES + "/" + batch.id()))
                    .body(SendResponse.from(batch));
        }
        if (batch.status() != BatchStatus.FAILED) {
            return ResponseEntity.ok(SendResponse.from(batch));
        }
        String retry = " Retry with POST " + ApiRoutes.BATCHES + "/" + batch.id() + "/retry.";
        throw switch (batch.failureReason() == null ? org.kasbench.globeco.allocation.batch.domain.FailureReason.INTERNAL_ERROR : batch.failureReason()) {
            case CLI_FAILED -> new ApiException(HttpStatus.BAD_GATEWAY, "CLI_FAILED",
                    "Batch " + batch.id() + ": the Portfolio Accounting CLI failed." + retry);
            case CLI_TIMEOUT -> new ApiException(HttpStatus.GATEWAY_TIMEOUT, "CLI_TIMEOUT",
                    "Batch " + batch.id() + ": the Portfolio Accounting CLI did not finish in time." + retry);
            case ABANDONED, INTERNAL_ERROR -> new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "SEND_FAILED",
                    "Batch " + batch.id() + " failed." + retry);
        };
    }
}
