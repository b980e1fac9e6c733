package org.kasbench.globeco.allocation.send.launch;

import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.kasbench.globeco.allocation.send.domain.Batch;

import java.util.List;

/** The default: the job runs in this process and the request waits for it. */
final class InProcessSendLauncher implements SendLauncher {

	private final ExecutionSender sender;

	InProcessSendLauncher(ExecutionSender sender) {
		this.sender = sender;
	}

	@Override
	public List<Batch> recoverDue() {
		return sender.recoverDue();
	}

	@Override
	public Batch launch(Batch opened, boolean wait) {
		return sender.run(opened);
	}

}
