package org.kasbench.globeco.allocation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The common module's beans on their own, for its integration tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommonTestApplication {

}
