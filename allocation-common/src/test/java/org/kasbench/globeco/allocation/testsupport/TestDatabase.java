package org.kasbench.globeco.allocation.testsupport;

import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for this test run, so runs never see each other's rows.
 *
 * <p>Where a Docker engine answers, a Testcontainers PostgreSQL 17. Where none does (as on our build
 * machines), a new database on the server at {@code ALLOCATION_TEST_DB_URL} (default the local one),
 * created now and dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final String ADMIN_URL = env("ALLOCATION_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("ALLOCATION_TEST_DB_USER", "postgres");
    private static final String PASSWORD = env("ALLOCATION_TEST_DB_PASSWORD", "");

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

    /** Another fresh, empty database, for tests that need one of their own (migrations, say). */
    public static TestDatabase create() {
        if (System.getenv("ALLOCATION_TEST_DB_URL") == null && dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        String name = "allocation_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(ADMIN_URL, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return new TestDatabase(ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name, USER, PASSWORD);
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

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database at " + url + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
