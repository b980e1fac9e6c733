package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Where an attempt's failure is recorded, whichever part of the hand-off finds it: the
 * batch FAILS under the attempt's lease and is due again after its backoff (at once when
 * {@link FailureReason#dueAtOnce()}); a batch closed or taken over meanwhile keeps what
 * it has.
 */
@Component
public class AttemptFailures {

	private final BatchRepository batches;

	private final SendProperties properties;

	AttemptFailures(BatchRepository batches, SendProperties properties) {
		this.batches = batches;
		this.properties = properties;
	}

	public void record(Attempt attempt, FailureReason reason, String message) {
		Duration retryIn = reason.dueAtOnce() ? Duration.ZERO : properties.retryIn(attempt.number());
		batches.recordFailure(attempt, reason, message, retryIn);
	}

}
