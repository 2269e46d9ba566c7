package org.lienthong.hub.api.connector;

import java.time.Clock;

/** What the hub tells an instance about where it runs. */
public interface ConnectorContext {

    /** The instance's name, unique on this hub (e.g. {@code peer-central}). */
    String instanceName();

    /** This hub's id ({@code hub.id}). */
    String hubId();

    /** Where to log; the hub prefixes the instance name. Never log a {@link Secret}'s value. */
    System.Logger logger();

    /** The hub's clock; tests replace it. */
    Clock clock();
}
