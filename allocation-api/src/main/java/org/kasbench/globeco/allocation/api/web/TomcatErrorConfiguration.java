package org.kasbench.globeco.allocation.api.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs {@link JsonErrorReportValve} in place of Tomcat's HTML error report on the
 * host.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports(ObjectProvider<ApiErrors> errors) {
		return factory -> factory.addContextCustomizers(context -> {
			Container parent = context.getParent();
			if (!(parent instanceof StandardHost host)) {
				throw new IllegalStateException("Expected the context to be in a StandardHost");
			}
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			// Tells the host not to add its own HTML ErrorReportValve when it starts.
			host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			host.getPipeline().addValve(new JsonErrorReportValve(errors.getObject()));
		});
	}

}
