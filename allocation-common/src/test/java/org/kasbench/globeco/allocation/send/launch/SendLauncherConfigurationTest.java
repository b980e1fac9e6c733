package org.kasbench.globeco.allocation.send.launch;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the web application launches sends: the worker, a plain application, runs the send
 * job itself and gets no launcher (nor needs what one needs). Every API test starts the
 * web application with one.
 */
class SendLauncherConfigurationTest {

	@Test
	void aNonWebApplicationHasNoLauncher() {
		new ApplicationContextRunner().withUserConfiguration(SendLauncherConfiguration.class)
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SendLauncher.class));
	}

}
