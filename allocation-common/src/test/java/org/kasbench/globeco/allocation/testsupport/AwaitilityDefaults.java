package org.kasbench.globeco.allocation.testsupport;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.time.Duration;

/**
 * Every {@code await()} of a test JVM that has this module's tests on its class path
 * checks its condition every 20 ms instead of Awaitility's 100 ms, so a wait ends soon
 * after what it waits for (the first check also comes after one interval). Registered
 * through {@code META-INF/services}; a wait that polls something costly sets its own
 * interval.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
	}

}
