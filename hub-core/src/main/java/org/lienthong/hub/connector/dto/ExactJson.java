package org.lienthong.hub.connector.dto;

import java.io.IOException;

import org.lienthong.hub.record.RecordJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes stored JSON (a configuration, a dead letter's item) as the hub's record mapper writes it. The tree holds exact
 * decimals; the REST mapper would print some of them in exponent form ({@code 1E-7} for {@code 0.0000001}), which would
 * change what a client reads back from what was stored.
 */
public final class ExactJson extends StdSerializer<JsonNode> {

    public ExactJson() {
        super(JsonNode.class);
    }

    @Override
    public void serialize(JsonNode value, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeRawValue(RecordJson.MAPPER.writeValueAsString(value));
    }
}
