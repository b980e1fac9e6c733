package org.kasbench.globeco.allocation.send.launch;

import org.kasbench.globeco.allocation.send.domain.Batch;

import java.util.List;

/** Runs the send job for a batch the API has just opened. */
public interface SendLauncher {

	/**
	 * Runs, before a new batch, the earlier batches that are due again (failed, or left
	 * by a process that died), where this launcher runs sends itself; returns them as
	 * they ended.
	 */
	List<Batch> recoverDue();

	/**
	 * @param wait false when the caller asked not to wait; a launcher that cannot hand
	 * the run off waits anyway
	 * @return the batch as it ended, or as it was handed off (status STARTED)
	 */
	Batch launch(Batch opened, boolean wait);

}
