/**
 * The {@code csv} connector: imports records of one kind from CSV files in a drop directory, a single file, or at an
 * http(s) URL, one {@link org.lienthong.hub.api.connector.SourceItem.Upsert} per row and a
 * {@link org.lienthong.hub.api.connector.SourceItem.Refused} (with file and line) per row it cannot use.
 *
 * <ul>
 * <li>{@link org.lienthong.connector.csv.CsvConnectorType}: the type; configuration, validation, opening.</li>
 * <li>{@code CsvSource}: polling, rows to items, the checkpoint (what was imported).</li>
 * <li>{@code FileDrop}, {@code HttpDrop}: where the files come from.</li>
 * </ul>
 *
 * The rows are read with {@link org.lienthong.hub.api.csv.CsvRecords} from {@code hub-api}, which defines the columns
 * (see {@code connectors/README.md}).
 */
package org.lienthong.connector.csv;
