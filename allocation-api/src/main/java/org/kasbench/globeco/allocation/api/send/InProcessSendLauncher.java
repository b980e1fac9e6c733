package org.kasbench.globeco.allocation.api.send;

import org.kasbench.globeco.allocation.send.domain.SendBatch;
import org.kasbench.globeco.allocation.send.ExecutionSender;

/** The default: the job runs in this process and the request waits for it. */
final class InProcessSendLauncher implements SendLauncher {

    private final ExecutionSender sender;

    InProcessSendLauncher(ExecutionSender sender) {
        this.sender = sender;
    }

    @Override
    public SendBatch launch(SendBatch opened, boolean wait) {
        return sender.run(opened.id());
    }
}
