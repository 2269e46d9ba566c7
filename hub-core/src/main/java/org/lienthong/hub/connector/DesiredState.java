package org.lienthong.hub.connector;

/**
 * What an admin asked of an instance ({@code connector_instance.desired}); what it is doing is {@link ConnectorState}.
 */
enum DesiredState {
    running, paused
}
