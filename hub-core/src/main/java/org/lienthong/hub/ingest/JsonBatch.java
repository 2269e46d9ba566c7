package org.lienthong.hub.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordJson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The body of a batch request, a JSON array or NDJSON, read item by item with Jackson's streaming parser, so that a
 * body is never held as one tree and a body of too many items stops at the first one too many. Records
 * ({@link IngestService}) and readings ({@code ObservationService}) both come this way.
 *
 * <p>
 * What spoils the whole body (an array that is not one, bytes that are not UTF-8, more than {@code max} items) is a
 * {@link HubException}; what spoils one NDJSON line (not JSON, too long) is that item's {@link Item#error}, and the
 * rest is still read. Whether an item is an object is the caller's check: the messages differ. {@link #utf8} is the
 * strict decoder that CSV bodies are read with too.
 */
public final class JsonBatch {

    /** Reads one array element; the strict mapper would treat the next element as trailing garbage. */
    private static final ObjectReader ELEMENT = RecordJson.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One item: its position from 0 (blank NDJSON lines do not count) and its JSON, or why it could not be read.
     */
    public record Item(int index, JsonNode json, String error) {
    }

    private JsonBatch() {
    }

    /**
     * A JSON array of items.
     *
     * @param what
     *            what the items are, for the message when the body is not an array ("records", "readings")
     * @param tooMany
     *            the 413 to throw at item {@code max + 1}
     */
    public static List<Item> array(InputStream body, String what, int max, Supplier<HubException> tooMany) {
        List<Item> out = new ArrayList<>();
        try (JsonParser parser = RecordJson.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw HubException
                        .malformed("a JSON body must be an array of " + what + " (or send application/x-ndjson)");
            }
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (index == max) {
                    throw tooMany.get();
                }
                out.add(new Item(index++, ELEMENT.readTree(parser), null));
            }
            if (parser.nextToken() != null) {
                throw HubException.malformed("unexpected content after the array");
            }
        } catch (JsonProcessingException e) {
            throw HubException.malformed("the body is not a valid JSON array: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HubException.malformed("the request body could not be read");
        }
        return out;
    }

    /** NDJSON: one item per line, blank lines skipped, a line longer than {@code maxLine} characters refused. */
    public static List<Item> ndjson(InputStream body, int max, int maxLine, Supplier<HubException> tooMany) {
        List<Item> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(utf8(body), 64 * 1024)) {
            int index = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (index == max) {
                    throw tooMany.get();
                }
                if (line.length() > maxLine) {
                    out.add(new Item(index++, null, "line longer than " + maxLine + " characters"));
                    continue;
                }
                try {
                    out.add(new Item(index, RecordJson.MAPPER.readTree(line), null));
                } catch (JsonProcessingException e) {
                    out.add(new Item(index, null, "not valid JSON: " + e.getOriginalMessage()));
                }
                index++;
            }
        } catch (CharacterCodingException e) {
            throw HubException.malformed("the body is not valid UTF-8");
        } catch (IOException e) {
            throw HubException.malformed("the request body could not be read");
        }
        return out;
    }

    /** A strict UTF-8 reader: bytes that are not UTF-8 are an error, never replaced. */
    public static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
