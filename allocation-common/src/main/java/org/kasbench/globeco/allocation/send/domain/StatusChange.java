package org.kasbench.globeco.allocation.send.domain;

import java.time.OffsetDateTime;

/** One entry of a batch's status history. */
public record StatusChange(BatchStatus status, String message, OffsetDateTime recordedAt) {
}
