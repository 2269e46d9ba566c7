package org.lienthong.hub.record;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/incidents}: occurrences with impact. */
@Path("/api/v1/incidents")
@Tag(name = "Incidents", description = "Incidents: occurrences with impact / Sự cố")
public class IncidentsResource extends RecordCollectionResource {

    @Override
    protected String kind() {
        return RecordKinds.INCIDENT;
    }
}
