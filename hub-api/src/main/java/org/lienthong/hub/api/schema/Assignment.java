package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.UUID;

/**
 * The incident a resource is deployed to ({@code Resource.assignment}); {@code null} when the resource is not assigned.
 *
 * @param incidentId
 *            id of the {@link Incident}
 * @param since
 *            when the assignment started
 */
public record Assignment(UUID incidentId, Instant since) {
}
