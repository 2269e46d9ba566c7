package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.List;

/**
 * The CAP 1.2 alert a threat came from ({@code Threat.alert}); set by a CAP connector, {@code null} for threats entered
 * otherwise. Lets a later {@code Update} or {@code Cancel} find its threat.
 *
 * @param identifier
 *            CAP {@code identifier}, unique for the sender
 * @param sender
 *            CAP {@code sender}
 * @param sent
 *            CAP {@code sent}
 * @param msgType
 *            CAP {@code msgType}
 * @param references
 *            CAP {@code references}: the earlier messages ({@code sender,identifier,sent}) this one updates or cancels;
 *            unmodifiable
 */
public record CapAlertRef(String identifier, String sender, Instant sent, MsgType msgType, List<String> references) {

    /** Copies {@code references}; does not validate (see the package documentation). */
    public CapAlertRef {
        references = Lists.copy(references);
    }
}
