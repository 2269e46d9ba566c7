package org.lienthong.hub.api.schema;

/**
 * The monitoring field a threat or incident belongs to ({@code domain}), following the national strategy's list of
 * non-traditional security fields.
 */
public enum Domain {
    /** Earthquakes, landslides, subsidence and other geological hazards. */
    geology,
    /** Storms, floods, drought, heat and other hydro-meteorological hazards. */
    climate,
    /** Pollution and environmental incidents. */
    environment,
    /** Water security: shortage, salinity intrusion, transboundary water. */
    water,
    /** Energy security: supply disruption. */
    energy,
    /** Epidemics and other public-health threats. */
    health,
    /** Transnational and organised crime, drugs, trafficking, terrorism. */
    crime,
    /** Cyber attacks and information-security incidents. */
    cyber,
    /** Food security and food safety. */
    food,
    /** Financial and economic security. */
    finance,
    /** None of the above. */
    other
}
