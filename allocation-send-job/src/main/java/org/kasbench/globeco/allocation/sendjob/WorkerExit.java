package org.kasbench.globeco.allocation.sendjob;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The send worker's exit codes, one per thing the operator does about it
 * (docs/deployment.md), and the one line that names the cause.
 *
 * @param code the process's exit code
 * @param reason one line naming the cause
 */
record WorkerExit(int code, String reason) {

	/**
	 * Every batch it ran was closed, there was nothing to send, or another send held the
	 * window.
	 */
	static final int DONE = 0;

	/** A send did not complete; a later run retries it. */
	static final int SEND_FAILED = 1;

	/** A setting is invalid: nothing was done, and nothing will be until it is fixed. */
	static final int INVALID_SETTING = 2;

	/** The database could not be reached. */
	static final int DEPENDENCY_UNREACHABLE = 3;

	/** Why the worker stopped before or while sending. */
	static WorkerExit of(Throwable failure) {
		BindValidationException invalid = find(failure, BindValidationException.class);
		if (invalid != null) {
			return new WorkerExit(INVALID_SETTING, "Invalid setting " + describe(invalid.getValidationErrors()));
		}
		BindException binding = find(failure, BindException.class);
		if (binding != null) {
			return new WorkerExit(INVALID_SETTING, "Invalid setting " + describe(binding));
		}
		if (find(failure, ConversionException.class) != null || find(failure, TypeMismatchException.class) != null) {
			return new WorkerExit(INVALID_SETTING, "Invalid setting: " + rootMessage(failure));
		}
		String unreachable = connectionFailure(failure);
		if (unreachable != null) {
			return new WorkerExit(DEPENDENCY_UNREACHABLE, "The database cannot be reached: " + unreachable);
		}
		return new WorkerExit(SEND_FAILED,
				"The send did not complete (a later run retries it): " + rootMessage(failure));
	}

	/**
	 * Each setting that failed its validation, with its value, where the value came from
	 * and why it failed, as Spring Boot's start-up failure report would say it.
	 */
	private static String describe(ValidationErrors errors) {
		return errors.getAllErrors().stream().map(error -> {
			if (!(error instanceof FieldError field)) {
				return errors.getName() + ": " + error.getDefaultMessage();
			}
			ConfigurationPropertyName name = errors.getName()
				.append(DataObjectPropertyName.toDashedForm(field.getField()));
			Origin origin = Origin.from(field);
			String value = field.getRejectedValue() == null ? "" : "=" + field.getRejectedValue();
			return name + value + (origin == null ? "" : " (" + origin + ")") + ": " + field.getDefaultMessage();
		}).collect(Collectors.joining("; "));
	}

	private static String describe(BindException binding) {
		ConfigurationProperty property = binding.getProperty();
		String setting = property == null ? binding.getName().toString() : property.getName() + "="
				+ property.getValue() + (property.getOrigin() == null ? "" : " (" + property.getOrigin() + ")");
		Class<?> type = binding.getTarget().getType().resolve();
		if (type != null && type.isEnum()) {
			return setting + ": not one of "
					+ Arrays.stream(type.getEnumConstants())
						.map(constant -> constant.toString().toLowerCase(Locale.ROOT))
						.collect(Collectors.joining(", "));
		}
		return setting + ": " + rootMessage(binding);
	}

	/**
	 * What says that a connection could not be made, if one could not: PostgreSQL's
	 * connection exception class (SQL state 08), the pool giving up waiting, or the
	 * socket refused or its host unknown.
	 */
	private static String connectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			boolean connectionState = cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith("08");
			if (connectionState || cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
					|| cause instanceof UnknownHostException) {
				return oneLine(cause);
			}
		}
		return null;
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String rootMessage(Throwable failure) {
		return oneLine(NestedExceptionUtils.getMostSpecificCause(failure));
	}

	private static String oneLine(Throwable cause) {
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		return message.lines().map(String::strip).collect(Collectors.joining(" "));
	}

}
