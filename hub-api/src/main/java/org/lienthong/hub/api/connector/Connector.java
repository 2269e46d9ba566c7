package org.lienthong.hub.api.connector;

/**
 * A running instance. {@link #close()} releases what {@link ConnectorType#open} acquired; it is called once, may be
 * called after a failed call, and must not throw for ordinary shutdown.
 */
public interface Connector extends AutoCloseable {

    @Override
    void close();
}
