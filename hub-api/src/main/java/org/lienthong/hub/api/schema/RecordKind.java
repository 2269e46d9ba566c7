package org.lienthong.hub.api.schema;

/** Which of the three canonical record kinds a record is ({@code kind} in the envelope). */
public enum RecordKind {
    /** A hazard or risk being monitored or warned about; see {@link Threat}. */
    threat,
    /** An occurrence with impact; see {@link Incident}. */
    incident,
    /** Something that can be brought to bear; see {@link Resource}. */
    resource
}
