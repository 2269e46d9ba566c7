package org.lienthong.hub.api.schema;

/** Where an incident is in its life cycle ({@code Incident.status}). */
public enum IncidentStatus {
    /** Reported, not yet confirmed by the owner. */
    reported,
    /** Confirmed by the owner. */
    verified,
    /** Response under way. */
    responding,
    /** Emergency over; recovery under way. */
    recovering,
    /** Finished. */
    closed
}
