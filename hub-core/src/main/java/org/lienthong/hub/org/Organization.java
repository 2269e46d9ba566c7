package org.lienthong.hub.org;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An organisation in the registry.
 *
 * @param code
 *            stable dotted code ({@code vn}, {@code vn.moh}, {@code vn.hn}, {@code vn.hn.ba-dinh})
 * @param name
 *            official name (Vietnamese)
 * @param nameEn
 *            English name, optional
 * @param parent
 *            code of the organisation above it; {@code null} only for the root
 * @param kind
 *            nation, ministry, sector, province, district, commune or unit
 * @param path
 *            codes from the root down to this organisation (set by the hub)
 */
@Schema(name = "Organization", requiredProperties = { "code", "name", "kind", "path" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Organization(String code, String name, String nameEn, String parent,
        @Schema(implementation = OrganizationKind.class) String kind, List<String> path) {

    /** The wire values of {@link OrganizationKind}, in tree order. */
    public static final List<String> KINDS = java.util.Arrays.stream(OrganizationKind.values()).map(Enum::name)
            .toList();
}
