package org.kasbench.globeco.allocation.send.domain;

import org.kasbench.globeco.allocation.shared.domain.Page;

import java.util.List;
import java.util.Optional;

/**
 * What an operator reads of the batches: each batch, its rows' verdicts and its history.
 */
public interface BatchAudit {

	Optional<Batch> find(int batchId);

	/** Newest first, without the chain's seed. */
	Page<Batch> list(int limit, int offset);

	List<StatusChange> history(int batchId);

	/** The rows of the batch that were not plainly delivered, with their verdicts. */
	List<RecordedVerdict> recordedVerdicts(int batchId);

}
