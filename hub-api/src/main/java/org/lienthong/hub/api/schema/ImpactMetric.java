package org.lienthong.hub.api.schema;

/**
 * What an impact figure counts ({@code Incident.impacts[].metric}); follows the Sendai Framework indicators and
 * DesInventar loss fields. Values are non-negative.
 */
public enum ImpactMetric {
    /** People dead (Sendai A-2). */
    deaths,
    /** People missing (Sendai A-3). */
    missing,
    /** People injured or ill (Sendai B-2). */
    injured,
    /** People directly affected (Sendai B-1). */
    affected,
    /** People evacuated before or during the event. */
    evacuated,
    /** People displaced from their homes. */
    displaced,
    /** People in shelters. */
    sheltered,
    /** Dwellings damaged (Sendai B-3). */
    housesDamaged,
    /** Dwellings destroyed (Sendai B-4). */
    housesDestroyed,
    /** Crop area damaged or destroyed, in hectares. */
    cropsHa,
    /** Livestock lost, in head. */
    livestock,
    /** Length of road damaged or destroyed, in kilometres. */
    roadsKm,
    /** Direct economic loss in Vietnamese dong (Sendai C-1, which reports in USD). */
    economicLossVnd
}
