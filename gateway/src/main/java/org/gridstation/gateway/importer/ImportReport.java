package org.gridstation.gateway.importer;

import java.util.List;

/**
 * What an import did.
 *
 * @param kind what was imported: {@code grids}, {@code stations} or {@code people}
 * @param charset how the file was read: {@code UTF-8} or {@code GBK}
 * @param rows data rows in the file (without the header)
 * @param imported rows written
 * @param errors every bad row, with its line number and the reason
 * @param forced true if good rows were imported despite errors
 */
public record ImportReport(String kind, String charset, int rows, int imported, List<RowError> errors, boolean forced) {

    /** One bad row. */
    public record RowError(int line, String reason) {
    }
}
