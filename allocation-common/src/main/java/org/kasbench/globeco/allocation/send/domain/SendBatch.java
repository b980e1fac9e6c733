package org.kasbench.globeco.allocation.send.domain;

import java.time.OffsetDateTime;

/** One send: the window it opened, the rows it claimed, the file it wrote and what the CLI made of it. */
public record SendBatch(
        int id,
        OffsetDateTime startTime,
        OffsetDateTime previousStartTime,
        SendBatchStatus status,
        String executionMode,
        String fileName,
        Integer processedCount,
        Integer acceptedCount,
        Integer rejectedCount,
        String jobName,
        Long jobExecutionId,
        Integer cliExitCode,
        FailureReason failureReason,
        String message,
        OffsetDateTime cliStartedAt,
        OffsetDateTime cliFinishedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime updatedAt,
        int version) {
}
