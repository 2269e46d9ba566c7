/**
 * Request and response records of the connector API, written by Quarkus's Jackson mapper with the hub's settings
 * ({@link org.lienthong.hub.config.JsonSettings}: canonical timestamps, plain decimals, enums by wire value), in the
 * order of their components.
 */
package org.lienthong.hub.connector.dto;
