package org.lienthong.hub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.access.Access;
import org.lienthong.hub.api.csv.CsvRecords;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.config.HubMetrics;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.ingest.dto.ImportOutcome;
import org.lienthong.hub.ingest.dto.ImportResult;
import org.lienthong.hub.ingest.dto.IngestOutcome;
import org.lienthong.hub.ingest.dto.IngestResult;
import org.lienthong.hub.ingest.dto.ItemStatus;
import org.lienthong.hub.record.BatchWriter;
import org.lienthong.hub.record.BatchWriter.Item;
import org.lienthong.hub.record.BatchWriter.Outcome;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.RecordValidator;
import org.lienthong.hub.record.RetryTransaction;
import org.lienthong.hub.record.StoreException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bulk ingest: reads NDJSON or a JSON array item by item (the raw body is never held whole), validates each item on its
 * own, refuses the request with 413 before storing anything when it holds more than {@link #MAX_ITEMS} items, then
 * writes the valid items in chunks of {@link #CHUNK} through {@link BatchWriter}, one transaction per chunk, retried
 * when PostgreSQL or the feed-order check asks for it. Re-sending a batch changes nothing: every item is an upsert by
 * source reference and identical content is a no-op.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    public static final int MAX_ITEMS = 10_000;
    static final int CHUNK = 500;
    static final int MAX_LINE = 4 * 1024 * 1024;
    static final int ATTEMPTS = 10;

    @Inject
    RecordValidator validator;

    @Inject
    BatchWriter writer;

    @Inject
    HubMetrics metrics;

    /** Everything the response reports. */
    public record Result(int created, int updated, int unchanged, int rejected, List<Outcome> results) {
    }

    /** An item after parsing: either a write to make or a rejection. */
    public record Parsed(Item item, Outcome rejection) {
    }

    public IngestResult ingest(InputStream body, boolean ndjson, Access caller) {
        Result r = writeParsed(parse(body, ndjson), caller);
        return new IngestResult(r.created(), r.updated(), r.unchanged(), r.rejected(), r.results().stream()
                .map(o -> new IngestOutcome(o.index(), status(o), o.id(), o.version(), o.errors())).toList());
    }

    /**
     * Upserts the rows of a UTF-8 CSV sheet of one kind ({@link CsvRecords} columns); each outcome names its row by its
     * line in the sheet. A sheet that cannot be read at all, or whose header is unusable, is a 400.
     */
    public ImportResult importCsv(String kind, InputStream body, Access caller) {
        List<CsvRecords.Row> rows;
        try {
            rows = CsvRecords.fromCsv(kind, JsonBatch.utf8(body), Map.of());
        } catch (CharacterCodingException e) {
            throw HubException.malformed("the sheet is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("", e.getMessage());
        } catch (IOException e) {
            throw HubException.malformed("the sheet could not be read: " + e.getMessage());
        }
        if (!rows.isEmpty() && !rows.get(0).ok() && rows.get(0).line() == 1) {
            // the header itself is unusable: nothing can be read
            throw HubException.invalid("", rows.get(0).error());
        }
        Result r = ingestRows(kind, rows, caller);
        return new ImportResult(r.created(), r.updated(), r.unchanged(), r.rejected(), r.results().stream()
                .map(o -> new ImportOutcome(o.index(), status(o), o.id(), o.version(), o.errors())).toList());
    }

    private static ItemStatus status(Outcome o) {
        return ItemStatus.valueOf(o.status());
    }

    /**
     * Upserts the rows of a CSV sheet of one kind; each outcome's index is the row's line number in the sheet.
     */
    private Result ingestRows(String kind, List<CsvRecords.Row> rows, Access caller) {
        if (rows.size() > MAX_ITEMS) {
            throw tooMany();
        }
        List<Parsed> parsed = new ArrayList<>(rows.size());
        for (CsvRecords.Row row : rows) {
            if (!row.ok()) {
                parsed.add(new Parsed(null, Outcome.rejected(row.line(), List.of(new FieldError("", row.error())))));
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode node = RecordJson.MAPPER.valueToTree(row.record());
            node.put("kind", kind);
            parsed.add(check(row.line(), node));
        }
        return writeParsed(parsed, caller);
    }

    private Result writeParsed(List<Parsed> parsed, Access caller) {
        List<Outcome> outcomes = new ArrayList<>(parsed.size());
        List<Item> items = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            if (p.rejection() != null) {
                outcomes.add(p.rejection());
            } else {
                items.add(p.item());
            }
        }
        for (List<Item> chunk : BatchWriter.chunks(items, CHUNK)) {
            outcomes.addAll(write(chunk, caller));
        }
        outcomes.sort((a, b) -> Integer.compare(a.index(), b.index()));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (Outcome o : outcomes) {
            switch (o.status()) {
            case "created" -> created++;
            case "updated" -> updated++;
            case "unchanged" -> unchanged++;
            default -> rejected++;
            }
        }
        return new Result(created, updated, unchanged, rejected, outcomes);
    }

    private List<Outcome> write(List<Item> chunk, Access caller) {
        for (int attempt = 1;; attempt++) {
            try {
                return writer.write(chunk, caller, "import");
            } catch (RetryTransaction | StoreException e) {
                boolean retryable = e instanceof RetryTransaction || "40P01".equals(((StoreException) e).sqlState()) // deadlock
                        || "40001".equals(((StoreException) e).sqlState()); // serialization failure
                if (!retryable || attempt == ATTEMPTS) {
                    throw e;
                }
                if (e instanceof RetryTransaction) {
                    metrics.retried("ingest");
                }
                LOG.debugf("retrying an ingest chunk (attempt %d): %s", attempt, e.getMessage());
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ie);
                }
            }
        }
    }

    /** Checks one item of a batch (kind, sourceRef, the record itself). */
    public Parsed check(int index, JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        if (!node.isObject()) {
            return new Parsed(null, Outcome.rejected(index, List.of(new FieldError("", "must be a JSON object"))));
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual() || !Vocabulary.isWireValue(RecordKind.class, kind.textValue())) {
            errors.add(new FieldError("kind", "is required: " + Vocabulary.alternatives(RecordKind.class)));
        }
        JsonNode ref = node.get("sourceRef");
        if (ref == null || ref.isNull()) {
            errors.add(new FieldError("sourceRef",
                    "is required for ingest: {\"system\", \"id\"} makes the upsert" + " idempotent"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, Outcome.rejected(index, errors));
        }
        try {
            var record = validator.validate(kind.textValue(), node);
            return new Parsed(new Item(index, kind.textValue(), record), null);
        } catch (HubException e) {
            return new Parsed(null, Outcome.rejected(index, e.errors()));
        }
    }

    private static HubException tooMany() {
        return new HubException(413, "/problems/too-large", "Too many items",
                "at most " + MAX_ITEMS + " items per request; split the batch (nothing was stored)");
    }

    private List<Parsed> parse(InputStream body, boolean ndjson) {
        List<JsonBatch.Item> items = ndjson ? JsonBatch.ndjson(body, MAX_ITEMS, MAX_LINE, IngestService::tooMany)
                : JsonBatch.array(body, "records", MAX_ITEMS, IngestService::tooMany);
        List<Parsed> out = new ArrayList<>(items.size());
        for (JsonBatch.Item i : items) {
            out.add(i.json() != null ? check(i.index(), i.json())
                    : new Parsed(null, Outcome.rejected(i.index(), List.of(new FieldError("", i.error())))));
        }
        return out;
    }
}
