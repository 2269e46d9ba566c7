package org.lienthong.connector.testkit;

import java.time.Clock;

import org.lienthong.hub.api.connector.ConnectorContext;

/** The context the hub gives an instance, with a logger that records and a clock the test chooses. */
public record TestContext(String instanceName, String hubId, RecordingLogger logger, Clock clock)
        implements ConnectorContext {

    /** A context whose logger is a new {@link RecordingLogger} named after the instance. */
    public TestContext(String instanceName, String hubId, Clock clock) {
        this(instanceName, hubId, new RecordingLogger(instanceName), clock);
    }
}
