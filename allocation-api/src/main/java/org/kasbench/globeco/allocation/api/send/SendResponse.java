package org.kasbench.globeco.allocation.api.send;

import org.kasbench.globeco.allocation.batch.domain.SendBatch;

import java.time.OffsetDateTime;

/** The answer to a send or a retry: where the batch ended (or, with 202, that it started). */
public record SendResponse(int batchId, String status, Integer processedCount, Integer acceptedCount,
                           Integer rejectedCount, String fileName, String executionMode, String jobName,
                           OffsetDateTime startTime, OffsetDateTime previousStartTime, String message) {

    static SendResponse from(SendBatch b) {
        return new SendResponse(b.id(), b.status().name(), b.processedCount(), b.acceptedCount(), b.rejectedCount(),
                b.fileName(), b.executionMode(), b.jobName(), b.startTime(), b.previousStartTime(), b.message());
    }
}
