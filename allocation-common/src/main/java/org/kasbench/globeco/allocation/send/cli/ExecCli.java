package org.kasbench.globeco.allocation.send.cli;

import java.util.Arrays;
import java.util.List;

/**
 * {@code exec} mode: a local command line with {@code {file}} and {@code {dir}}
 * placeholders, split on whitespace and run as an argument vector.
 */
public final class ExecCli implements PortfolioAccountingCli {

	private final List<String> template;

	private final CliRuns runs;

	public ExecCli(String command, CliRuns runs) {
		if (command == null || command.isBlank()) {
			throw new IllegalStateException("allocation.cli.command must be set in exec mode");
		}
		this.template = Arrays.stream(command.trim().split("\\s+")).toList();
		this.runs = runs;
	}

	@Override
	public String mode() {
		return "exec";
	}

	@Override
	public CliRun run(CliInvocation invocation) {
		List<String> argv = template.stream()
			.map(part -> part.replace("{file}", invocation.file().toString())
				.replace("{dir}", invocation.dir().toString()))
			.toList();
		return ProcessRunner.run(argv, invocation.timeout(), runs);
	}

}
