package org.lienthong.hub.org;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The levels of the organisation tree (nation → ministries/sectors, nation → provinces → districts → communes). */
@Schema(name = "OrganizationKind")
public enum OrganizationKind {
    nation, ministry, sector, province, district, commune, unit
}
