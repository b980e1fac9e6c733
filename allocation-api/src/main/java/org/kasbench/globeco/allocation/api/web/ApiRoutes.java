package org.kasbench.globeco.allocation.api.web;

/** Every route the API serves, in one place. */
public final class ApiRoutes {

	public static final String EXECUTIONS = "/api/v1/executions";

	public static final String EXECUTION_BY_ID = "/api/v1/executions/{id}";

	/**
	 * The requirements' singular form; serves the same resource as
	 * {@link #EXECUTION_BY_ID}.
	 */
	public static final String EXECUTION_BY_ID_SINGULAR = "/api/v1/execution/{id}";

	public static final String SEND = "/api/v1/executions/send";

	public static final String BATCHES = "/api/v1/batches";

	public static final String BATCH_BY_ID = "/api/v1/batches/{id}";

	public static final String BATCH_RETRY = "/api/v1/batches/{id}/retry";

	public static final String BATCH_REQUEUE_REFUSED = "/api/v1/batches/{id}/requeue-refused";

	public static final String LIVENESS = "/healthz";

	public static final String READINESS = "/readyz";

	public static final String METRICS = "/metrics";

	private ApiRoutes() {
	}

}
