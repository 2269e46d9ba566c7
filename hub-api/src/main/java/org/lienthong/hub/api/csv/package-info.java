/**
 * CSV for spreadsheets: {@link org.lienthong.hub.api.csv.Csv} reads and writes RFC 4180 text (with line numbers, per
 * record errors and protection against spreadsheet formulas), and {@link org.lienthong.hub.api.csv.CsvRecords} maps its
 * rows to and from records of canonical schema v1 (dot paths for nested fields, {@code |} between list items,
 * {@code impacts.<metric>} columns, a header mapping for a sheet's own column names). JDK-only, like the rest of
 * {@code hub-api}; used by the {@code csv} connector and the hub's own CSV import and export.
 */
package org.lienthong.hub.api.csv;
