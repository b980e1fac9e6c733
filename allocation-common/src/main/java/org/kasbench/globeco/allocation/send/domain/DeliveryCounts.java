package org.kasbench.globeco.allocation.send.domain;

import java.time.OffsetDateTime;

/**
 * The delivery objective at a glance: executions by state, the oldest one not yet
 * delivered, and how many batches need an operator.
 *
 * @param oldestUndelivered ready time of the oldest execution not yet delivered; null
 * when there is none
 */
public record DeliveryCounts(long unsent, long inUnclosedBatches, long delivered, long refused,
		OffsetDateTime oldestUndelivered, long batchesNeedingAttention) {
}
