package org.lienthong.hub.api.schema;

/** Whether a resource can be used now ({@code Resource.status}; EMSI / EDXL-RM status). */
public enum ResourceStatus {
    /** Ready to be assigned. */
    available,
    /** Held for a request or an incident but not yet deployed. */
    reserved,
    /** Assigned and in use; see {@code Resource.assignment}. */
    deployed,
    /** Cannot be used, for a reason other than maintenance or depletion. */
    unavailable,
    /** Temporarily out of service for maintenance or repair. */
    maintenance,
    /** Consumable stock used up. */
    depleted
}
