package org.kasbench.globeco.allocation.database;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.kasbench.globeco.allocation.settings.SettingViolations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How long anything may wait on PostgreSQL ({@code allocation.db.*}), on every connection
 * of every pool. A process that vanishes (its node or network gone: the peer neither
 * answers nor closes) while it holds a lock must not hold it for long: the server ends
 * its session after {@code idleInTransactionTimeout}, which frees the lock before a
 * waiter's {@code lockTimeout} runs out. The waits must grow in the order
 * idle-in-transaction &lt; lock &lt; statement &lt; socket ({@link WaitsInOrder}), and
 * the socket timeout must be shorter than the send lease ({@code allocation.send.lease},
 * checked there). None may be shorter than a millisecond: PostgreSQL takes a zero as no
 * bound at all.
 *
 * @param lockTimeout longest a statement waits for a lock (a row, the claim's advisory
 * lock, a unique-index entry another transaction is inserting) before it fails; longer
 * than the idle-in-transaction timeout, so a lock held by a vanished process is released
 * before its waiters give up, and shorter than the statement timeout, which counts lock
 * waits too
 * @param idleInTransactionTimeout the server ends a session whose open transaction waits
 * this long for its client's next statement, releasing its locks
 * @param statementTimeout longest a statement may run on the server
 * @param socketTimeout longest the driver waits for the server's answer on a connection;
 * longer than the statement timeout, so a slow statement is cancelled by the server
 * first, and this only ends a connection whose server is gone
 * @param tcpUserTimeout the server drops a connection whose data its client has not
 * acknowledged for this long (a client that vanished while being sent rows)
 * @param connectTimeout longest the driver takes to open a connection
 * @param sendPoolSize connections of the send pool: the send job (claim, file, verdict,
 * Spring Batch's job repository) and the batch audit use only these, so sends can never
 * take the connections ingest and readiness need
 * @param sendConnectionTimeout longest a send waits for a connection of the send pool
 */
@ConfigurationProperties("allocation.db")
@Validated
@DatabaseBounds.WaitsInOrder
public record DatabaseBounds(@DefaultValue("15s") @DurationMin(millis = 1) Duration lockTimeout,
		@DefaultValue("10s") @DurationMin(millis = 1) Duration idleInTransactionTimeout,
		@DefaultValue("30s") @DurationMin(millis = 1) Duration statementTimeout,
		@DefaultValue("45s") @DurationMin(millis = 1) Duration socketTimeout,
		@DefaultValue("15s") @DurationMin(millis = 1) Duration tcpUserTimeout,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue("5") @Min(1) int sendPoolSize, @DefaultValue("5s") Duration sendConnectionTimeout) {

	/**
	 * Each of the idle-in-transaction, lock, statement and socket timeouts is longer than
	 * the one before it.
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = WaitsInOrderValidator.class)
	public @interface WaitsInOrder {

		String message() default "the database waits must grow in this order: idle-in-transaction < lock < statement < socket";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/**
	 * The socket timeout as the driver applies it: in whole seconds, rounded up.
	 */
	public Duration socketTimeoutInWholeSeconds() {
		return Duration.ofSeconds(Long.parseLong(BoundedConnections.seconds(socketTimeout)));
	}

	/**
	 * The server settings of every session, as PgJDBC's {@code options} connection
	 * property.
	 */
	String sessionOptions() {
		return "-c lock_timeout=%d -c idle_in_transaction_session_timeout=%d -c statement_timeout=%d -c tcp_user_timeout=%d"
			.formatted(lockTimeout.toMillis(), idleInTransactionTimeout.toMillis(), statementTimeout.toMillis(),
					tcpUserTimeout.toMillis());
	}

	static final class WaitsInOrderValidator implements ConstraintValidator<WaitsInOrder, DatabaseBounds> {

		private record Wait(String property, String setting, Duration duration) {
		}

		@Override
		public boolean isValid(DatabaseBounds bounds, ConstraintValidatorContext context) {
			List<Wait> waits = List.of(
					new Wait("idleInTransactionTimeout", "allocation.db.idle-in-transaction-timeout",
							bounds.idleInTransactionTimeout()),
					new Wait("lockTimeout", "allocation.db.lock-timeout", bounds.lockTimeout()),
					new Wait("statementTimeout", "allocation.db.statement-timeout", bounds.statementTimeout()),
					new Wait("socketTimeout", "allocation.db.socket-timeout", bounds.socketTimeoutInWholeSeconds()));
			SettingViolations violations = new SettingViolations(context);
			for (int i = 1; i < waits.size(); i++) {
				Wait shorter = waits.get(i - 1);
				Wait longer = waits.get(i);
				if (shorter.duration().compareTo(longer.duration()) >= 0) {
					violations.reject(longer.property(),
							"must be longer than {shorter} ({shorterValue}): the waits grow idle-in-transaction"
									+ " < lock < statement < socket (in whole seconds)",
							Map.of("shorter", shorter.setting(), "shorterValue",
									SettingViolations.duration(shorter.duration())));
				}
			}
			return violations.none();
		}

	}

}
