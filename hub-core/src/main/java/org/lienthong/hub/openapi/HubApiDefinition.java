package org.lienthong.hub.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Incident;
import org.lienthong.hub.api.schema.Resource;
import org.lienthong.hub.api.schema.Threat;
import org.lienthong.hub.audit.checkpoint.dto.RedactedVersion;
import org.lienthong.hub.error.ProblemMapper;

/**
 * The document's info and the schemas no operation names directly: the stored form of each record kind (the hub-api
 * records, as {@code ThreatRecord}, {@code IncidentRecord}, {@code ResourceRecord}), from which {@link ContractFilter}
 * derives the kinds' request bodies, pages, version lists, changes and ingest items. The OpenAPI document is built from
 * the code at build time and compared with {@code openapi/openapi.yaml}.
 */
@OpenAPIDefinition(info = @Info(title = "Lienthong hub API", version = "1.0.0", description = "Interagency data exchange for non-traditional security threats: threats, incidents and resources with versions and provenance. / Trao đổi dữ liệu liên ngành về các mối đe dọa an ninh phi truyền thống: mối đe dọa, sự cố và nguồn lực, có phiên bản và nguồn gốc.", contact = @Contact(name = "Lienthong maintainers"), license = @License(name = "Apache-2.0", identifier = "Apache-2.0")), components = @Components(schemas = {
        @Schema(name = "ThreatRecord", implementation = Threat.class),
        @Schema(name = "IncidentRecord", implementation = Incident.class),
        @Schema(name = "ResourceRecord", implementation = Resource.class),
        @Schema(name = "RedactedVersion", implementation = RedactedVersion.class),
        @Schema(name = "Problem", implementation = ProblemMapper.Problem.class) }))
public class HubApiDefinition extends Application {
}
