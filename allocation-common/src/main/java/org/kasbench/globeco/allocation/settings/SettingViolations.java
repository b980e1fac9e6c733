package org.kasbench.globeco.allocation.settings;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * What a class-level constraint of a settings record finds, each reported on the setting
 * it concerns, so Spring Boot's report names that property (its value and origin) beside
 * the message.
 */
public final class SettingViolations {

	private final ConstraintValidatorContext context;

	private int count;

	public SettingViolations(ConstraintValidatorContext context) {
		this.context = context;
		context.disableDefaultConstraintViolation();
	}

	/**
	 * Adds a violation of {@code property} (a path of record components, e.g.
	 * {@code docker.executable}). The values in {@code parameters} fill the template's
	 * {@code {name}}s as they are: a setting's value is never read as a template.
	 */
	public void reject(String property, String template, Map<String, Object> parameters) {
		HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
		parameters.forEach(hibernate::addMessageParameter);
		String[] nodes = property.split("\\.");
		NodeBuilderCustomizableContext node = context.buildConstraintViolationWithTemplate(template)
			.addPropertyNode(nodes[0]);
		for (int i = 1; i < nodes.length; i++) {
			node = node.addPropertyNode(nodes[i]);
		}
		node.addConstraintViolation();
		count++;
	}

	public void reject(String property, String template) {
		reject(property, template, Map.of());
	}

	/** The constraint's verdict: valid when nothing was rejected. */
	public boolean none() {
		return count == 0;
	}

	/** A duration as a setting would give it: {@code 45s}, or {@code 1500ms}. */
	public static String duration(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? DurationStyle.SIMPLE.print(duration, ChronoUnit.SECONDS)
				: DurationStyle.SIMPLE.print(duration);
	}

}
