package org.kasbench.globeco.allocation.send.cli;

/**
 * Runs the Portfolio Accounting CLI's {@code process} command on a file in the shared
 * directory.
 */
public interface PortfolioAccountingCli {

	/** docker, kubernetes or exec: recorded on the batch. */
	String mode();

	CliRun run(CliInvocation invocation);

}
