package org.lienthong.hub.security;

/** Role and claim names: the one place they are spelled. */
public final class Roles {

    /** May read records it can see. */
    public static final String READER = "reader";
    /** May create and change records of its organisation. */
    public static final String WRITER = "writer";
    /** A connector instance or peer hub acting through the API. */
    public static final String CONNECTOR = "connector";
    /** May read the audit trail. */
    public static final String AUDITOR = "auditor";
    /** May act for any organisation and manage registries. */
    public static final String ADMIN = "admin";

    /** JWT claim holding the caller's organisation code. */
    public static final String CLAIM_ORG = "org";
    /** JWT claim holding the caller's clearance (optional). */
    public static final String CLAIM_CLEARANCE = "clearance";

    private Roles() {
    }
}
