package org.lienthong.hub.api.schema;

/** What sort of thing a resource is ({@code Resource.category}; EDXL-RM {@code TypeInfo} kind). */
public enum ResourceCategory {
    /** Individual people, counted. */
    personnel,
    /** An organised unit deployed as one (rescue team, medical team). */
    team,
    /** Boats, trucks, aircraft and other vehicles. */
    vehicle,
    /** Non-consumable equipment (pumps, generators, radios). */
    equipment,
    /** Consumables (rice, drinking water, medicine, fuel). */
    supply,
    /** A fixed installation (warehouse, hospital, command post). */
    facility,
    /** A place where people can be sheltered; {@code quantity} is its capacity in people. */
    shelter,
    /** Money; {@code unit} is the currency. */
    funds
}
