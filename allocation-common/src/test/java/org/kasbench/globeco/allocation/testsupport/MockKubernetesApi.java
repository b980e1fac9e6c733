package org.kasbench.globeco.allocation.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode (what {@code @EnableKubernetesMockClient(crud =
 * true)} sets up), started once for a test class instead of once for each test method:
 * the extension starts a server and a client before every test even when the class only
 * uses its static one. Register it as a static {@code @RegisterExtension} field: it is
 * emptied before each test (every test starts from an empty API server) and stopped after
 * the class.
 */
public final class MockKubernetesApi implements BeforeEachCallback, AfterAllCallback {

	private final KubernetesMockServer server;

	private final KubernetesClient client;

	private MockKubernetesApi() {
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
				new KubernetesMixedDispatcher(responses), false);
		this.server.init();
		this.client = this.server.createClient();
	}

	/** A new server on a free loopback port, with a client of it. */
	public static MockKubernetesApi start() {
		return new MockKubernetesApi();
	}

	public KubernetesClient client() {
		return this.client;
	}

	/** Forgets every resource stored so far: the test sees an empty API server. */
	@Override
	public void beforeEach(ExtensionContext context) {
		this.server.reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.client.close();
		this.server.destroy();
	}

}
