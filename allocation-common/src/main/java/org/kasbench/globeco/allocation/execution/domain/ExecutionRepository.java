package org.kasbench.globeco.allocation.execution.domain;

import org.kasbench.globeco.allocation.shared.domain.Page;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where executions are kept. */
public interface ExecutionRepository {

	/** Stored executions among these ids, keyed by execution service id. */
	Map<Integer, Execution> findByExecutionServiceIds(Collection<Integer> executionServiceIds);

	/**
	 * Stores the executions that are not stored yet, in one statement. Those whose
	 * execution service id is already taken (by an earlier or a concurrent request) are
	 * left alone and not returned.
	 */
	List<Execution> insertNew(List<NewExecution> executions);

	Optional<Execution> findById(int id);

	Page<Execution> find(ExecutionQuery query);

}
