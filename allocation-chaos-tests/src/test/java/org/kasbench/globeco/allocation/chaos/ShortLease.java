package org.kasbench.globeco.allocation.chaos;

import java.util.List;

/**
 * The lease the chaos suite's processes run with, so that a dead process's batch is
 * recovered within seconds, and database bounds that fit inside it (the start-up check
 * refuses bounds as long as the lease).
 */
final class ShortLease {

	static final List<String> SETTINGS = List.of("--allocation.send.lease=10s",
			"--allocation.db.idle-in-transaction-timeout=1s", "--allocation.db.lock-timeout=2s",
			"--allocation.db.statement-timeout=4s", "--allocation.db.socket-timeout=5s",
			"--allocation.db.tcp-user-timeout=2s", "--allocation.send.claim-slice-size=10000");

	private ShortLease() {
	}

}
