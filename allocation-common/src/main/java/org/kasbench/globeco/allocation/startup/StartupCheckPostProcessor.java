package org.kasbench.globeco.allocation.startup;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link StartupCheck} before any bean is created, so a deployable that cannot
 * work stops before it opens a database connection or a batch, with the reason on one
 * line and exit code 2. {@code allocation.startup-check.enabled=false} skips it.
 */
@Component
class StartupCheckPostProcessor implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (environment.getProperty("allocation.startup-check.enabled", Boolean.class, true)) {
			StartupCheck.of(environment).verify();
		}
	}

}
