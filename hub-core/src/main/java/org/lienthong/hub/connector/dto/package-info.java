/**
 * Request and response records of the connector API. Responses keep the member order of the hand-built JSON they
 * replaced: each record names it with {@code @JsonPropertyOrder}, because Quarkus REST's generated (reflection-free)
 * serializers otherwise write members alphabetically. Stored JSON (a configuration, a dead letter's item) is written by
 * {@link org.lienthong.hub.connector.dto.ExactJson}, timestamps by
 * {@link org.lienthong.hub.connector.dto.CanonicalInstant}.
 */
package org.lienthong.hub.connector.dto;
