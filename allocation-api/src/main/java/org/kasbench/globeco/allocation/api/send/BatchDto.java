package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.send.domain.Rejection;
import org.kasbench.globeco.allocation.send.domain.SendBatch;
import org.kasbench.globeco.allocation.send.domain.StatusChange;

import java.time.OffsetDateTime;
import java.util.List;

import static org.kasbench.globeco.allocation.api.web.OpenApiConfiguration.EPOCH_SECONDS;

/** A batch record for audit: what it sent, how the CLI ran, what it refused, and how its status moved. */
public record BatchDto(
        int batchId,
        String status,
        @Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime startTime,
        @Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime previousStartTime,
        @Schema(nullable = true) String executionMode,
        @Schema(nullable = true) String fileName,
        @Schema(nullable = true) Integer processedCount,
        @Schema(nullable = true) Integer acceptedCount,
        @Schema(nullable = true) Integer rejectedCount,
        @Schema(nullable = true) String jobName,
        @Schema(nullable = true) Long jobExecutionId,
        @Schema(nullable = true) Integer cliExitCode,
        @Schema(nullable = true) String failureReason,
        @Schema(nullable = true) String message,
        @Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime cliStartedAt,
        @Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime cliFinishedAt,
        @Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime finishedAt,
        @Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime updatedAt,
        int version,
        List<Rejection> rejections,
        List<StatusEntry> statusHistory) {

    /** One step of the batch's status history. */
    public record StatusEntry(String status, @Schema(nullable = true) String message,
                              @Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime recordedAt) {

        static StatusEntry from(StatusChange change) {
            return new StatusEntry(change.status().name(), change.message(), change.recordedAt());
        }
    }

    static BatchDto from(SendBatch b, List<Rejection> rejections, List<StatusChange> history) {
        return new BatchDto(b.id(), b.status().name(), b.startTime(), b.previousStartTime(), b.executionMode(),
                b.fileName(), b.processedCount(), b.acceptedCount(), b.rejectedCount(), b.jobName(), b.jobExecutionId(),
                b.cliExitCode(), b.failureReason() == null ? null : b.failureReason().name(), b.message(),
                b.cliStartedAt(), b.cliFinishedAt(), b.finishedAt(), b.updatedAt(), b.version(), rejections,
                history.stream().map(StatusEntry::from).toList());
    }
}
