package org.lienthong.hub.api.connector;

/**
 * A call failed as a whole.
 *
 * <p>
 * {@code transientFailure = true}: may pass by itself (network, peer down, timeout); the hub retries with backoff.
 * {@code false}: needs an operator (credentials refused, wrong address); the instance becomes {@code failed}. The
 * message is shown to operators as the instance's last error: never put a secret in it.
 */
public class ConnectorException extends Exception {

    private final boolean transientFailure;

    public ConnectorException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public ConnectorException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
