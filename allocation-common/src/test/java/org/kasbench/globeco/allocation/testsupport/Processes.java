package org.kasbench.globeco.allocation.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test may ask of a process it did not start itself. */
public final class Processes {

	private Processes() {
	}

	/**
	 * Whether the process has ended. A killed orphan stays a zombie until init reaps it,
	 * and {@link ProcessHandle#isAlive()} counts a zombie as alive: this machine's init
	 * reaps about once a second, which a test would otherwise wait out. A zombie has
	 * ended: it runs nothing and holds nothing but its entry in the process table.
	 */
	public static boolean ended(ProcessHandle process) {
		if (!process.isAlive()) {
			return true;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			// pid (comm) state ...: comm may hold spaces and parentheses, the state
			// follows the last ')'.
			char state = stat.charAt(stat.lastIndexOf(')') + 2);
			return state == 'Z' || state == 'X';
		}
		catch (IOException e) {
			return !process.isAlive();
		}
	}

}
