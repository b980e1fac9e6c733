package org.kasbench.globeco.allocation.api.send;

import org.kasbench.globeco.allocation.batch.domain.Rejection;
import org.kasbench.globeco.allocation.batch.domain.SendBatch;
import org.kasbench.globeco.allocation.batch.domain.StatusChange;

import java.time.OffsetDateTime;
import java.util.List;

/** A batch record for audit: what it sent, how the CLI ran, what it refused, and how its status moved. */
public record BatchDto(int batchId, String status, OffsetDateTime startTime, OffsetDateTime previousStartTime,
                       String executionMode, String fileName, Integer processedCount, Integer acceptedCount,
                       Integer rejectedCount, String jobName, Long jobExecutionId, Integer cliExitCode,
                       String failureReason, String message, OffsetDateTime cliStartedAt, OffsetDateTime cliFinishedAt,
                       OffsetDateTime finishedAt, OffsetDateTime updatedAt, int version,
                       List<Rejection> rejections, List<StatusChange> statusHistory) {

    static BatchDto from(SendBatch b, List<Rejection> rejections, List<StatusChange> history) {
        return new BatchDto(b.id(), b.status().name(), b.startTime(), b.previousStartTime(), b.executionMode(),
                b.fileName(), b.processedCount(), b.acceptedCount(), b.rejectedCount(), b.jobName(), b.jobExecutionId(),
                b.cliExitCode(), b.failureReason() == null ? null : b.failureReason().name(), b.message(),
                b.cliStartedAt(), b.cliFinishedAt(), b.finishedAt(), b.updatedAt(), b.version(), rejections, history);
    }
}
