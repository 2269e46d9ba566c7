package org.lienthong.hub.warning;

/** How the readings in a rule's window make the value its levels are compared with. */
public enum AggregateFunction {
    /** The latest reading (no window). */
    last,
    /** The sum, e.g. 24-hour rainfall from hourly readings. */
    sum,
    /** The largest reading. */
    max,
    /** The arithmetic mean. */
    mean,
    /** The latest reading minus the earliest in the window: how fast a river rises. */
    rise
}
