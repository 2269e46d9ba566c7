package org.lienthong.hub.connector.dto;

import java.io.IOException;
import java.time.Instant;

import org.lienthong.hub.record.CanonicalJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a timestamp as the hub writes every timestamp ({@link CanonicalJson#formatInstant}: UTC, {@code Z}, no
 * trailing zeros in the fraction). {@code config.JsonSettings} means to do this for every response record, but the
 * JSR-310 module that Quarkus registers after the application's customizers replaces its serializer (the REST mapper
 * writes {@code 08:00:00.120Z}, not {@code 08:00:00.12Z}); until that is fixed there, these records name this one.
 */
public final class CanonicalInstant extends StdSerializer<Instant> {

    public CanonicalInstant() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeString(CanonicalJson.formatInstant(value));
    }
}
