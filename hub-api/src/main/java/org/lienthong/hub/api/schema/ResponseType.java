package org.lienthong.hub.api.schema;

/** Recommended type of action for the target audience ({@code Threat.responseTypes}; CAP 1.2 {@code responseType}). */
public enum ResponseType {
    /** Take shelter in place or per {@code instruction}. */
    Shelter,
    /** Relocate as instructed in {@code instruction}. */
    Evacuate,
    /** Make preparations per {@code instruction}. */
    Prepare,
    /** Execute a pre-planned activity identified in {@code instruction}. */
    Execute,
    /** Avoid the subject event as per {@code instruction}. */
    Avoid,
    /** Attend to information sources as described in {@code instruction}. */
    Monitor,
    /** Evaluate the information in this message; not for public warnings. */
    Assess,
    /** The subject event no longer poses a threat or concern; any follow-on action is in {@code instruction}. */
    AllClear,
    /** No action recommended. */
    None
}
