package org.kasbench.globeco.allocation.api.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure is the database being out of reach, however it is wrapped: by
 * Spring's data access translation, by the transaction manager that could not get a
 * connection, or by Spring Batch around either.
 */
final class DatabaseUnavailable {

	private DatabaseUnavailable() {
	}

	static boolean isCause(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException || lostConnection(t)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE class 08 (connection exception) or 57P01..57P03 (the server shutting down,
	 * crashed, or not accepting connections yet).
	 */
	private static boolean lostConnection(Throwable t) {
		return t instanceof SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
	}

}
