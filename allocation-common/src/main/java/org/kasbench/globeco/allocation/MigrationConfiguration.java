package org.kasbench.globeco.allocation;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Honours {@code spring.flyway.enabled} when the process starts. Spring Boot reads it
 * only when the beans are defined, which for the API image (Spring AOT) is at build time;
 * without this, {@code SPRING_FLYWAY_ENABLED=false} would be ignored there.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	@Bean
	FlywayMigrationStrategy migrateUnlessDisabled(Environment environment) {
		return flyway -> {
			if (environment.getProperty("spring.flyway.enabled", Boolean.class, true)) {
				flyway.migrate();
			}
		};
	}

}
