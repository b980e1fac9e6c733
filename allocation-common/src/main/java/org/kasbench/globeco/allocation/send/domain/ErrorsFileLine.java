package org.kasbench.globeco.allocation.send.domain;

import java.util.List;

/**
 * One line of the CLI's errors file as read: where it starts in the file, its seven input
 * columns in the file's order (numbers in the plain notation the attempt's file uses,
 * when they are numbers), and the verdict it gives its row with the CLI's words; a null
 * verdict means the row was delivered (a row of a 207 chunk that the body does not list
 * as failed).
 */
public record ErrorsFileLine(long line, List<String> columns, RowVerdict verdict, String errorMessage) {

	public String sourceId() {
		return columns.get(2);
	}

}
