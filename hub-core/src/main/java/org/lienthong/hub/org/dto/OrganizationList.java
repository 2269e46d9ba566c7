package org.lienthong.hub.org.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.org.Organization;

/** Organisations, in hierarchy order. */
@Schema(name = "OrganizationList", requiredProperties = "items")
public record OrganizationList(List<Organization> items) {
}
