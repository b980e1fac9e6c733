package org.kasbench.globeco.allocation.api.send;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send whose CLI hangs: 504, with the failed batch in Location. Half a second of CLI
 * timeout, not the suite's margin.
 */
@TestPropertySource(properties = "allocation.cli.timeout=500ms")
class SendTimeoutApiTest extends ApiTestSupport {

	@Test
	void aCliThatTimesOutIs504() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		CliStandIns.mode(FILES, "hang");

		HttpResponse<String> timedOut = postJson("/api/v1/executions/send", "{}");

		assertErrorShape(timedOut, 504, "CLI_TIMEOUT");
		String location = timedOut.headers().firstValue("Location").orElseThrow();
		assertThat(json(get(location)).get("failureReason").asString()).isEqualTo("CLI_TIMEOUT");
	}

}
