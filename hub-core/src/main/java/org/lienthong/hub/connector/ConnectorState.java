package org.lienthong.hub.connector;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.connector.InstanceStore.Instance;

/** What an instance is doing, as the API shows it; derived from the stored row, never stored. */
@Schema(name = "ConnectorState", description = "paused (an admin asked), failed (awaiting a restart, or succeeding again), running (a hub process holds it) or stopped (no process holds it now)")
public enum ConnectorState {
    running, paused, failed, stopped;

    /** Paused before failed before running: an admin's pause wins, and a failing instance may still hold its lease. */
    static ConnectorState of(Instance i, Instant now) {
        if (i.paused()) {
            return paused;
        }
        if (i.failure() != null) {
            return failed;
        }
        if (i.leaseOwner() != null && i.leaseUntil() != null && i.leaseUntil().isAfter(now)) {
            return running;
        }
        return stopped;
    }
}
