package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.batch.domain.Rejection;
import org.kasbench.globeco.allocation.batch.domain.SendBatch;
import org.kasbench.globeco.allocation.batch.domain.StatusChange;

import java.time.OffsetDateTime;
import java.util.List;

/** A batch record for audit: what it sent, how the CLI ran, what it refused, and how its status moved. */
public record BatchDto(int batchId, String status, OffsetDateTime startTime, OffsetDateTime previousStartTime,
                       @Schema(nullable = true) String executionMode, @Schema(nullable = true) String fileName, @Schema(nullable = true) Integer processedCount, @Schema(nullable = true) Integer acceptedCount,
                       @Schema(nullable = true) Integer rejectedCount, @Schema(nullable = true) String jobName, @Schema(nullable = true) Long jobExecutionId, @Schema(nullable = true) Integer cliExitCode,
                       @Schema(nullable = true) String failureReason, @Schema(nullable = true) String message, @Schema(nullable = true) OffsetDateTime cliStartedAt, @Schema(nullable = true) OffsetDateTime cliFinishedAt,
                       @Schema(nullable = true) OffsetDateTime finishedAt, OffsetDateTime updatedAt, int version,
                       List<Rejection> rejections, List<StatusChange> statusHistory) {

    static BatchDto from(SendBatch b, List<Rejection> rejections, List<StatusChange> history) {
        return new BatchDto(b.id(), b.status().name(), b.startTime(), b.previousStartTime(), b.executionMode(),
                b.fileName(), b.processedCount(), b.acceptedCount(), b.rejectedCount(), b.jobName(), b.jobExecutionId(),
                b.cliExitCode(), b.failureReason() == null ? null : b.failureReason().name(), b.message(),
                b.cliStartedAt(), b.cliFinishedAt(), b.finishedAt(), b.updatedAt(), b.version(), rejections, history);
    }
}
