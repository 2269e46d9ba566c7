package org.lienthong.connector.cap;

/**
 * A document or alert that cannot become a threat: malformed, hostile, not CAP 1.2, or missing what the mapping needs.
 * The message is the reason an operator reads in the dead-letter queue; it never quotes the content of anything the
 * document tried to pull in (the parser never reads external entities or DTDs).
 */
public final class CapRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    public CapRefusal(String reason) {
        super(reason);
    }

    /** The reason, in words an operator can act on. */
    public String reason() {
        return getMessage();
    }
}
