package org.lienthong.hub.config;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import org.lienthong.hub.record.CanonicalJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How the response records ({@code dto} packages) are written, so that they read like the records themselves:
 * timestamps in the canonical RFC 3339 form the hub stores and hashes ({@link CanonicalJson#formatInstant}: UTC,
 * {@code Z}, no trailing zeros in the fraction), decimals in plain notation as stored, and enums by their wire value
 * ({@code toString()}, which differs from {@code name()} for {@code public_} and {@code import_}; see the hub-api
 * schema package).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    /** After Quarkus's own customizer, whose JSR-310 module would otherwise replace the Instant serializer. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        // stored JSON (a connector's configuration, a dead letter's item) holds exact decimals: 0.0000001, not 1E-7
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.registerModule(new SimpleModule("lienthong-instants").addSerializer(Instant.class, new InstantText()));
    }

    private static final class InstantText extends StdSerializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(CanonicalJson.formatInstant(value));
        }
    }
}
