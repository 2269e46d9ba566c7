package org.lienthong.hub.record;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/resources}: people, equipment, supplies and funds for the response. */
@Path("/api/v1/resources")
@Tag(name = "Resources", description = "Response resources: forces, materials, logistics / Nguồn lực ứng phó")
public class ResourcesResource extends RecordCollectionResource {

    @Override
    protected String kind() {
        return RecordKinds.RESOURCE;
    }
}
