package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.domain.Rejection;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the rows the CLI refused from {@code <file>.errors.csv}: the seven input columns plus error_message. */
final class CliErrorsFile {

    private static final CsvMapper CSV = CsvMapper.builder().build();

    private CliErrorsFile() {
    }

    static List<Rejection> read(Path errorsFile) {
        if (!Files.exists(errorsFile)) {
            return List.of();
        }
        List<Rejection> rejections = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnReordering(true))
                .readValues(errorsFile.toFile())) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String sourceId = value(row, "source_id");
                String error = value(row, "error_message");
                rejections.add(new Rejection(sourceId.isEmpty() ? "(none)" : sourceId, error.isEmpty() ? "(no reason given)" : error));
            }
        }
        return rejections;
    }

    /** Header names are matched case-insensitively after trimming, as the CLI itself does. */
    private static String value(Map<String, String> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().trim().equalsIgnoreCase(column))
                .map(e -> e.getValue() == null ? "" : e.getValue().trim()).findFirst().orElse("");
    }
}
