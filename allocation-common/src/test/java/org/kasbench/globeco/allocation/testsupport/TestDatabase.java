package org.kasbench.globeco.allocation.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import org.postgresql.Driver;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fresh PostgreSQL database for this test run, so runs never see each other's rows.
 *
 * <p>
 * {@code ALLOCATION_TEST_DB} chooses where it lives:
 * <ul>
 * <li>{@code server}: a new database on the server at {@code ALLOCATION_TEST_DB_URL}
 * (default the local {@code jdbc:postgresql://127.0.0.1:5432/postgres}), created now and
 * dropped when the JVM exits;</li>
 * <li>{@code testcontainers}: a Testcontainers PostgreSQL
 * ({@code ALLOCATION_TEST_DB_IMAGE}, default {@code postgres:17-alpine});</li>
 * <li>unset ({@code auto}): the server when it answers, otherwise Testcontainers when a
 * Docker engine answers.</li>
 * </ul>
 * A Docker engine alone never decides: with no image registry reachable, pulling would
 * hang the suite. An image that is neither present nor pullable within
 * {@code ALLOCATION_TEST_DB_PULL_TIMEOUT} seconds (default 60) fails at once with a
 * message saying what to do.
 */
public final class TestDatabase {

	private static final String ADMIN_URL = env("ALLOCATION_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

	private static final String USER = env("ALLOCATION_TEST_DB_USER", "postgres");

	private static final String PASSWORD = env("ALLOCATION_TEST_DB_PASSWORD", "");

	private static final String MODE = env("ALLOCATION_TEST_DB", "auto").toLowerCase(Locale.ROOT);

	private static final String IMAGE = env("ALLOCATION_TEST_DB_IMAGE", "postgres:17-alpine");

	private static final long PULL_TIMEOUT_SECONDS = Long.parseLong(env("ALLOCATION_TEST_DB_PULL_TIMEOUT", "60"));

	private static TestDatabase shared;

	private final String url;

	private final String user;

	private final String password;

	private TestDatabase(String url, String user, String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/** The run's database, created on first use. */
	public static synchronized TestDatabase shared() {
		if (shared == null) {
			shared = create();
		}
		return shared;
	}

	/**
	 * Another fresh, empty database, for tests that need one of their own (migrations,
	 * say).
	 */
	public static TestDatabase create() {
		return switch (MODE) {
			case "server" -> onServer();
			case "testcontainers" -> inContainer();
			case "auto" -> {
				SQLException unreachable = serverProblem();
				if (unreachable == null) {
					yield onServer();
				}
				if (!dockerAvailable()) {
					throw new IllegalStateException(
							"No PostgreSQL answers at " + ADMIN_URL + " (" + unreachable.getMessage()
									+ ") and no Docker engine answers: start PostgreSQL or set ALLOCATION_TEST_DB_URL",
							unreachable);
				}
				yield inContainer();
			}
			default -> throw new IllegalStateException(
					"ALLOCATION_TEST_DB must be server, testcontainers or unset, not " + MODE);
		};
	}

	private static TestDatabase onServer() {
		String name = "allocation_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute(ADMIN_URL, "CREATE DATABASE " + name);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> execute(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return new TestDatabase(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name, USER, PASSWORD);
	}

	private static TestDatabase inContainer() {
		if (!dockerAvailable()) {
			throw new IllegalStateException("ALLOCATION_TEST_DB=testcontainers but no Docker engine answers");
		}
		ensureImage();
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	/**
	 * Present locally, or pulled within the timeout; otherwise a clear failure instead of
	 * a hanging suite.
	 */
	private static void ensureImage() {
		DockerClient docker = DockerClientFactory.instance().client();
		try {
			docker.inspectImageCmd(IMAGE).exec();
			return;
		}
		catch (NotFoundException absent) {
			// pull below
		}
		String advice = "; pull it (docker pull " + IMAGE
				+ "), set ALLOCATION_TEST_DB_IMAGE to an image that is present,"
				+ " or use a PostgreSQL server (ALLOCATION_TEST_DB=server, ALLOCATION_TEST_DB_URL)";
		boolean pulled;
		try (PullImageResultCallback pull = docker.pullImageCmd(IMAGE).exec(new PullImageResultCallback())) {
			pulled = pull.awaitCompletion(PULL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while pulling " + IMAGE, e);
		}
		catch (RuntimeException | IOException e) {
			throw new IllegalStateException("The test database image " + IMAGE
					+ " is not present and pulling it failed (" + e.getMessage() + ")" + advice, e);
		}
		if (!pulled) {
			throw new IllegalStateException("The test database image " + IMAGE
					+ " is not present and could not be pulled within " + PULL_TIMEOUT_SECONDS + " s" + advice);
		}
	}

	public String url() {
		return url;
	}

	public String user() {
		return user;
	}

	public String password() {
		return password;
	}

	/**
	 * A new connection on each call, made from this URL as it stands. (pgjdbc's own
	 * {@code PGSimpleDataSource} connects through a URL that spells out all of its 70-odd
	 * properties, and Flyway redacts the URL of each connection it migrates through with
	 * regular expressions: 75-150 ms a call under C1 on that URL, twice a migration,
	 * under 1 ms on this one.)
	 */
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new Driver(), url, user, password);
	}

	/**
	 * Null when the server at {@code ALLOCATION_TEST_DB_URL} accepts a connection within
	 * a few seconds.
	 */
	private static SQLException serverProblem() {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("loginTimeout", "5");
		try (Connection ignored = DriverManager.getConnection(ADMIN_URL, properties)) {
			return null;
		}
		catch (SQLException e) {
			return e;
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	private static void execute(String url, String sql) {
		try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
			s.execute(sql);
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot prepare the test database at " + url + ": " + e.getMessage(), e);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
