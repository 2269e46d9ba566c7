package org.lienthong.hub.api.schema;

/** The nature of the CAP alert a threat came from ({@code Threat.alert.msgType}; CAP 1.2 {@code msgType}). */
public enum MsgType {
    /** Initial information requiring attention by targeted recipients. */
    Alert,
    /** Updates and supersedes the earlier message(s) identified in {@code references}. */
    Update,
    /** Cancels the earlier message(s) identified in {@code references}. */
    Cancel,
    /** Acknowledges receipt and acceptance of the message(s) identified in {@code references}. */
    Ack,
    /** Indicates rejection of the message(s) identified in {@code references}. */
    Error
}
