package org.lienthong.hub.org.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.org.Agreement;

/** Sharing agreements. */
@Schema(name = "AgreementList", requiredProperties = "items")
public record AgreementList(List<Agreement> items) {
}
