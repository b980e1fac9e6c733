package org.kasbench.globeco.allocation.send.domain;

import java.time.Duration;

/**
 * The delivery objective at a glance: executions by state, the oldest one not yet
 * delivered, and how many batches need an operator.
 *
 * @param oldestUndeliveredAge how long the oldest execution not yet delivered has been
 * ready, on the database's clock (the clock that stamped it); null when there is none
 */
public record DeliveryCounts(long unsent, long inUnclosedBatches, long delivered, long refused,
		Duration oldestUndeliveredAge, long batchesNeedingAttention) {
}
