package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.send.domain.SendBatch;

import java.time.OffsetDateTime;

import static org.kasbench.globeco.allocation.api.web.OpenApiConfiguration.EPOCH_SECONDS;

/** The answer to a send or a retry: where the batch ended (or, with 202, that it started). */
public record SendResponse(
        int batchId,
        String status,
        @Schema(nullable = true) Integer processedCount,
        @Schema(nullable = true) Integer acceptedCount,
        @Schema(nullable = true) Integer rejectedCount,
        @Schema(nullable = true) String fileName,
        @Schema(nullable = true) String executionMode,
        @Schema(nullable = true) String jobName,
        @Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime startTime,
        @Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime previousStartTime,
        @Schema(nullable = true) String message) {

    static SendResponse from(SendBatch b) {
        return new SendResponse(b.id(), b.status().name(), b.processedCount(), b.acceptedCount(), b.rejectedCount(),
                b.fileName(), b.executionMode(), b.jobName(), b.startTime(), b.previousStartTime(), b.message());
    }
}
