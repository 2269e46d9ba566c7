package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lienthong.client.ApiClient;
import org.lienthong.client.ApiException;
import org.lienthong.client.ApiResponse;
import org.lienthong.client.api.ChangesApi;
import org.lienthong.client.api.IncidentsApi;
import org.lienthong.client.api.IngestApi;
import org.lienthong.client.api.ResourcesApi;
import org.lienthong.client.api.ThreatsApi;
import org.lienthong.client.model.Activity;
import org.lienthong.client.model.Area;
import org.lienthong.client.model.Assignment;
import org.lienthong.client.model.CapAlertRef;
import org.lienthong.client.model.Certainty;
import org.lienthong.client.model.Change;
import org.lienthong.client.model.ChangeOperation;
import org.lienthong.client.model.ChangePage;
import org.lienthong.client.model.Classification;
import org.lienthong.client.model.Command;
import org.lienthong.client.model.Domain;
import org.lienthong.client.model.FieldError;
import org.lienthong.client.model.Geometry;
import org.lienthong.client.model.Impact;
import org.lienthong.client.model.ImpactMetric;
import org.lienthong.client.model.Incident;
import org.lienthong.client.model.IncidentChange;
import org.lienthong.client.model.IncidentIngestItem;
import org.lienthong.client.model.IncidentPage;
import org.lienthong.client.model.IncidentRecord;
import org.lienthong.client.model.IncidentStatus;
import org.lienthong.client.model.Include;
import org.lienthong.client.model.Indicator;
import org.lienthong.client.model.IngestItem;
import org.lienthong.client.model.IngestOutcome;
import org.lienthong.client.model.IngestResult;
import org.lienthong.client.model.ItemStatus;
import org.lienthong.client.model.Lineage;
import org.lienthong.client.model.LineageVersion;
import org.lienthong.client.model.Location;
import org.lienthong.client.model.MsgType;
import org.lienthong.client.model.Pillar;
import org.lienthong.client.model.Problem;
import org.lienthong.client.model.Provenance;
import org.lienthong.client.model.RecordKind;
import org.lienthong.client.model.Resource;
import org.lienthong.client.model.ResourceCategory;
import org.lienthong.client.model.ResourceChange;
import org.lienthong.client.model.ResourceIngestItem;
import org.lienthong.client.model.ResourcePage;
import org.lienthong.client.model.ResourceRecord;
import org.lienthong.client.model.ResourceStatus;
import org.lienthong.client.model.ResponseType;
import org.lienthong.client.model.Severity;
import org.lienthong.client.model.SourceRef;
import org.lienthong.client.model.Threat;
import org.lienthong.client.model.ThreatChange;
import org.lienthong.client.model.ThreatIngestItem;
import org.lienthong.client.model.ThreatPage;
import org.lienthong.client.model.ThreatRecord;
import org.lienthong.client.model.ThreatStatus;
import org.lienthong.client.model.Urgency;

/**
 * The generated Java client ({@code org.lienthong:lienthong-client}, openapi-generator's {@code native} library)
 * against one real hub, and nothing else: every call below is a typed method of ThreatsApi, IncidentsApi, ResourcesApi,
 * IngestApi or ChangesApi, every answer a generated model. Errors are read as the typed {@link Problem} from
 * {@link ApiException}'s body. If a call could not be made this way, the contract would be wrong.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JavaClientIT {

    static final String ORG = "vn";
    /** Owner of the records the paging test lists (only those have it). */
    static final String PAGED_OWNER = "vn.dn";
    static final AtomicInteger SEQ = new AtomicInteger();

    static Hub hub;
    static ApiClient api;
    static ThreatsApi threats;
    static IncidentsApi incidents;
    static ResourcesApi resources;
    static IngestApi ingest;
    static ChangesApi changes;

    @BeforeAll
    static void start() {
        Databases.port(); // fails at once, with the reason, outside bin/test
        hub = Hub.create("java-client");
        hub.start();
        // the whole client set-up a user needs: base URI and a bearer token on every request
        api = new ApiClient();
        api.updateBaseUri(hub.url());
        String token = Jwts.admin(ORG);
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        api.setReadTimeout(Duration.ofSeconds(30));
        threats = new ThreatsApi(api);
        incidents = new IncidentsApi(api);
        resources = new ResourcesApi(api);
        ingest = new IngestApi(api);
        changes = new ChangesApi(api);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.kill();
        }
        Databases.dropAll();
    }

    static Stream<Kind<?, ?>> kinds() {
        return Stream.of(new ThreatKind(), new IncidentKind(), new ResourceKind());
    }

    // ---------------------------------------------------------------- one kind at a time

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <B, R> void createReadUpdateStaleUpdateVersionsAndLineage(Kind<B, R> kind) throws ApiException {
        String label = kind.label();
        B sent = kind.body(label, false);
        ApiResponse<R> created = kind.create(sent);
        assertEquals(201, created.getStatusCode());
        assertEquals("\"1\"", etag(created));
        R record = created.getData();
        UUID id = kind.id(record);
        assertNotNull(id);
        assertEquals(1, kind.version(record));
        assertEquals(ORG, kind.owner(record), "the owner defaults to the caller's organisation");
        assertEquals(Classification.INTERNAL, kind.classification(record));
        assertFalse(kind.deleted(record));
        Provenance p1 = kind.provenance(record);
        assertEquals(Activity.CREATE, p1.getActivity());
        assertEquals(hub.id(), p1.getOriginHub());
        assertEquals(ORG, p1.getAuthor().getOrg());
        assertTrue(p1.getHash().matches("[0-9a-f]{64}"), "a SHA-256: " + p1.getHash());
        assertEquals(List.of(), p1.getParents());
        kind.assertContent(sent, record);

        ApiResponse<R> read = kind.get(id);
        assertEquals(200, read.getStatusCode());
        assertEquals("\"1\"", etag(read));
        assertEquals(id, kind.id(read.getData()));
        assertEquals(1, kind.version(read.getData()));
        assertEquals(p1.getHash(), kind.provenance(read.getData()).getHash());
        kind.assertContent(sent, read.getData());

        B changed = kind.body(label, true);
        ApiResponse<R> updated = kind.update(id, etag(read), changed);
        assertEquals(200, updated.getStatusCode());
        assertEquals("\"2\"", etag(updated));
        assertEquals(id, kind.id(updated.getData()));
        assertEquals(2, kind.version(updated.getData()));
        Provenance p2 = kind.provenance(updated.getData());
        assertEquals(Activity.UPDATE, p2.getActivity());
        assertEquals(List.of(p1.getHash()), p2.getParents());
        kind.assertContent(changed, updated.getData());
        kind.assertContent(changed, kind.get(id).getData());

        // someone else's view: the old ETag is stale now
        ApiException stale = assertThrows(ApiException.class, () -> kind.update(id, "\"1\"", kind.body(label, false)));
        assertEquals(412, stale.getCode(), stale.getMessage());
        Problem problem = problem(stale);
        assertEquals(412, problem.getStatus());
        assertEquals("/problems/precondition-failed", problem.getType());
        assertNotNull(problem.getTitle());
        assertEquals("\"2\"", stale.getResponseHeaders().firstValue("ETag").orElse(null),
                "a 412 names the current version");
        assertEquals(2, kind.version(kind.get(id).getData()), "nothing was written by the stale update");

        List<R> versions = kind.versions(id);
        assertEquals(List.of(1, 2), versions.stream().map(kind::version).toList(), "both versions, oldest first");
        kind.assertContent(sent, versions.get(0));
        kind.assertContent(changed, versions.get(1));
        assertEquals(p1.getHash(), kind.provenance(versions.get(0)).getHash());
        assertEquals(p2.getHash(), kind.provenance(versions.get(1)).getHash());
        ApiResponse<R> first = kind.version(id, 1);
        assertEquals("\"1\"", etag(first));
        kind.assertContent(sent, first.getData());

        Lineage lineage = kind.lineage(id);
        assertEquals(id, lineage.getRecord().getId());
        assertEquals(kind.toString(), lineage.getRecord().getKind().getValue());
        List<LineageVersion> lv = lineage.getVersions();
        assertEquals(List.of(1, 2), lv.stream().map(LineageVersion::getVersion).toList());
        assertEquals(List.of(p1.getHash(), p2.getHash()), lv.stream().map(LineageVersion::getHash).toList());
        assertEquals(List.of(Activity.CREATE, Activity.UPDATE), lv.stream().map(LineageVersion::getActivity).toList());
        assertEquals(List.of(p1.getHash()), lv.get(1).getParents());
        assertEquals(hub.id(), lv.get(0).getOriginHub());
        assertEquals(List.of(), lineage.getHops(), "written here, never replicated");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <B, R> void listPagesFollowNextUntilNull(Kind<B, R> kind) throws ApiException {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            B body = kind.owned(kind.body(kind.label(), false), PAGED_OWNER);
            created.add(kind.id(kind.create(body).getData()));
        }
        List<UUID> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Kind.Page<R> page = kind.list(3, cursor, PAGED_OWNER);
            pageSizes.add(page.items().size());
            for (R r : page.items()) {
                seen.add(kind.id(r));
                assertEquals(PAGED_OWNER, kind.owner(r));
            }
            cursor = page.next();
            assertTrue(pageSizes.size() <= 10, "next never became null: " + pageSizes);
        } while (cursor != null);
        assertEquals(List.of(3, 3, 1), pageSizes, "7 records in pages of 3");
        assertEquals(created, seen, "every record once, oldest first");
        assertEquals(created, kind.list(1000, null, PAGED_OWNER).items().stream().map(kind::id).toList());
        assertNull(kind.list(1000, null, PAGED_OWNER).next());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <B, R> void upsertBySourceCreatesThenUpdates(Kind<B, R> kind) throws ApiException {
        String system = "it-java";
        String sourceId = kind + "-" + SEQ.incrementAndGet();
        String label = kind.label();
        B first = kind.body(label, false);
        ApiResponse<R> created = kind.upsert(system, sourceId, first);
        assertEquals(201, created.getStatusCode());
        assertEquals("\"1\"", etag(created));
        UUID id = kind.id(created.getData());
        assertEquals(new SourceRef().system(system).id(sourceId), kind.sourceRef(created.getData()));
        kind.assertContent(first, created.getData());

        B changed = kind.body(label, true);
        ApiResponse<R> updated = kind.upsert(system, sourceId, changed);
        assertEquals(200, updated.getStatusCode());
        assertEquals(id, kind.id(updated.getData()), "the same record");
        assertEquals(2, kind.version(updated.getData()));
        assertEquals("\"2\"", etag(updated));
        kind.assertContent(changed, updated.getData());

        ApiResponse<R> again = kind.upsert(system, sourceId, changed);
        assertEquals(200, again.getStatusCode());
        assertEquals(id, kind.id(again.getData()));
        assertEquals(2, kind.version(again.getData()), "identical content writes no version");
        kind.assertContent(changed, kind.get(id).getData());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    <B, R> void anInvalidRecordIsRefusedNamingTheField(Kind<B, R> kind) throws ApiException {
        ApiException refused = assertThrows(ApiException.class, () -> kind.create(kind.invalid(kind.label())));
        assertEquals(400, refused.getCode(), refused.getMessage());
        assertEquals("application/problem+json",
                refused.getResponseHeaders().firstValue("Content-Type").orElse("").split(";")[0]);
        Problem problem = problem(refused);
        assertEquals(400, problem.getStatus());
        assertEquals("/problems/validation", problem.getType());
        List<String> fields = problem.getErrors().stream().map(FieldError::getField).toList();
        assertEquals(List.of(kind.invalidField()), fields, problem.toString());
        assertFalse(problem.getErrors().get(0).getMessage().isBlank());
    }

    // ---------------------------------------------------------------- all kinds together

    @Test
    void ingestTakesABatchMixingTheThreeKinds() throws ApiException {
        int n = SEQ.incrementAndGet();
        ThreatKind t = new ThreatKind();
        IncidentKind i = new IncidentKind();
        ResourceKind r = new ResourceKind();
        SourceRef threatRef = new SourceRef().system("it-ingest").id("T-" + n);
        SourceRef incidentRef = new SourceRef().system("it-ingest").id("I-" + n);
        SourceRef resourceRef = new SourceRef().system("it-ingest").id("R-" + n);
        SourceRef badRef = new SourceRef().system("it-ingest").id("BAD-" + n);
        Threat threat = t.body(t.label(), false);
        Incident incident = i.body(i.label(), false);
        Resource resource = r.body(r.label(), false);
        List<IngestItem> batch = List.of(new IngestItem(ThreatKind.item(threat, threatRef)),
                new IngestItem(IncidentKind.item(incident, incidentRef)),
                new IngestItem(ResourceKind.item(resource, resourceRef)),
                new IngestItem(ResourceKind.item(r.invalid("bad"), badRef)));

        IngestResult result = ingest.ingest(batch);
        assertEquals(3, result.getCreated());
        assertEquals(0, result.getUpdated());
        assertEquals(0, result.getUnchanged());
        assertEquals(1, result.getRejected());
        List<IngestOutcome> outcomes = result.getResults();
        assertEquals(List.of(0, 1, 2, 3), outcomes.stream().map(IngestOutcome::getIndex).toList());
        assertEquals(List.of(ItemStatus.CREATED, ItemStatus.CREATED, ItemStatus.CREATED, ItemStatus.REJECTED),
                outcomes.stream().map(IngestOutcome::getStatus).toList());
        for (IngestOutcome o : outcomes.subList(0, 3)) {
            assertNotNull(o.getId());
            assertEquals(1, o.getVersion());
        }
        assertEquals(List.of("quantity"), outcomes.get(3).getErrors().stream().map(FieldError::getField).toList());

        // each item landed as a record of its kind, with its source reference
        ThreatRecord storedThreat = threats.getThreat(outcomes.get(0).getId());
        t.assertContent(threat, storedThreat);
        assertEquals(threatRef, storedThreat.getSourceRef());
        assertEquals(Activity.IMPORT, storedThreat.getProvenance().getActivity());
        IncidentRecord storedIncident = incidents.getIncident(outcomes.get(1).getId());
        i.assertContent(incident, storedIncident);
        assertEquals(incidentRef, storedIncident.getSourceRef());
        ResourceRecord storedResource = resources.getResource(outcomes.get(2).getId());
        r.assertContent(resource, storedResource);
        assertEquals(resourceRef, storedResource.getSourceRef());

        // sent again: nothing new, the same ids
        IngestResult again = ingest.ingest(batch);
        assertEquals(0, again.getCreated());
        assertEquals(3, again.getUnchanged());
        assertEquals(1, again.getRejected());
        assertEquals(outcomes.subList(0, 3).stream().map(IngestOutcome::getId).toList(),
                again.getResults().subList(0, 3).stream().map(IngestOutcome::getId).toList());
    }

    @Test
    void theChangeFeedGivesEachVersionAsTheSubclassOfItsKind() throws ApiException {
        ThreatKind t = new ThreatKind();
        IncidentKind i = new IncidentKind();
        ResourceKind r = new ResourceKind();
        Threat threat = t.body(t.label(), false);
        Incident incident = i.body(i.label(), false);
        Resource resource = r.body(r.label(), false);
        UUID threatId = threats.createThreat(threat).getId();
        UUID incidentId = incidents.createIncident(incident).getId();
        ResourceRecord v1 = resources.createResource(resource);
        UUID resourceId = v1.getId();
        Resource changedResource = r.body(resource.getName(), true);
        resources.updateResource(resourceId, "\"1\"", changedResource);

        // from the start, in small pages, following next
        Map<String, Change> byVersion = new LinkedHashMap<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int pages = 0;
        while (!(byVersion.containsKey(threatId + "/1") && byVersion.containsKey(incidentId + "/1")
                && byVersion.containsKey(resourceId + "/2"))) {
            assertTrue(System.nanoTime() < deadline, "the feed did not give the new versions: " + byVersion.keySet());
            ChangePage page = changes.listChanges(after, 2, null, 1, null);
            pages++;
            assertEquals(hub.id(), page.getHub());
            assertTrue(page.getChanges().size() <= 2, "limit 2: " + page.getChanges().size());
            for (Change c : page.getChanges()) {
                assertTrue(cursors.add(c.getCursor()), "cursor given twice: " + c.getCursor());
                Change before = byVersion.put(c.getId() + "/" + c.getVersion(), c);
                assertNull(before, "version given twice: " + c);
                assertRecordMatches(c);
            }
            assertNotNull(page.getNext());
            after = page.getNext();
        }
        assertTrue(pages > 1, "more than one page was read");

        ThreatChange tc = assertInstanceOf(ThreatChange.class, byVersion.get(threatId + "/1"));
        assertEquals(ChangeOperation.CREATE, tc.getOp());
        t.assertContent(threat, tc.getRecord());
        IncidentChange ic = assertInstanceOf(IncidentChange.class, byVersion.get(incidentId + "/1"));
        assertEquals(ChangeOperation.CREATE, ic.getOp());
        i.assertContent(incident, ic.getRecord());
        ResourceChange rc1 = assertInstanceOf(ResourceChange.class, byVersion.get(resourceId + "/1"));
        assertEquals(ChangeOperation.CREATE, rc1.getOp());
        r.assertContent(resource, rc1.getRecord());
        ResourceChange rc2 = assertInstanceOf(ResourceChange.class, byVersion.get(resourceId + "/2"));
        assertEquals(ChangeOperation.UPDATE, rc2.getOp());
        r.assertContent(changedResource, rc2.getRecord());
        List<String> order = new ArrayList<>(byVersion.keySet());
        assertTrue(order.indexOf(resourceId + "/1") < order.indexOf(resourceId + "/2"), "a record's versions in order");

        // read to the end: then the feed is empty, and next still continues from there
        ChangePage tail;
        do {
            tail = changes.listChanges(after, 1000, null, 0, null);
            tail.getChanges().forEach(c -> assertTrue(cursors.add(c.getCursor())));
            after = tail.getNext();
        } while (tail.getMore());
        ChangePage empty = changes.listChanges(after, 10, null, 0, null);
        assertEquals(List.of(), empty.getChanges());
        assertFalse(empty.getMore());
        assertEquals(after, empty.getNext());
        // kinds filters (the client sends kinds=threat,resource)
        ChangePage onlyThreats = changes.listChanges(null, 1000, List.of(RecordKind.THREAT), 0, null);
        assertFalse(onlyThreats.getChanges().isEmpty());
        onlyThreats.getChanges().forEach(c -> assertInstanceOf(ThreatChange.class, c));
        ChangePage twoKinds = changes.listChanges(null, 1000, List.of(RecordKind.THREAT, RecordKind.RESOURCE), 0, null);
        assertTrue(twoKinds.getChanges().stream().anyMatch(ResourceChange.class::isInstance));
        assertTrue(twoKinds.getChanges().stream().anyMatch(ThreatChange.class::isInstance));
        twoKinds.getChanges().forEach(c -> assertFalse(c instanceof IncidentChange, "no incident"));
    }

    /** A drill (exercise: true) is left out of the list and the feed unless the client passes Include.EXERCISE. */
    @Test
    void aDrillComesOnlyWithIncludeExercise() throws ApiException {
        ThreatKind t = new ThreatKind();
        String owner = "vn.gl"; // only this test writes for it
        UUID real = threats.createThreat(t.body(t.label(), false).owner(owner)).getId();
        ThreatRecord drill = threats.createThreat(t.body(t.label(), false).owner(owner).exercise(true));
        assertEquals(Boolean.TRUE, drill.getExercise());

        assertEquals(List.of(real), threats.listThreats(1000, null, owner, null, null, null, null, null, null, null)
                .getItems().stream().map(ThreatRecord::getId).toList());
        assertEquals(List.of(real, drill.getId()),
                threats.listThreats(1000, null, owner, null, null, null, null, null, null, Include.EXERCISE).getItems()
                        .stream().map(ThreatRecord::getId).toList());
        assertEquals(drill, threats.getThreat(drill.getId()), "still found by its id");

        Set<UUID> withoutDrills = new HashSet<>();
        Set<UUID> withDrills = new HashSet<>();
        for (Include include : Arrays.asList(null, Include.EXERCISE)) {
            Set<UUID> seen = include == null ? withoutDrills : withDrills;
            String after = null;
            ChangePage page;
            do {
                page = changes.listChanges(after, 1000, List.of(RecordKind.THREAT), 0, include);
                page.getChanges().forEach(c -> seen.add(c.getId()));
                after = page.getNext();
            } while (page.getMore());
        }
        assertTrue(withoutDrills.contains(real) && !withoutDrills.contains(drill.getId()), "the default feed");
        assertTrue(withDrills.contains(real) && withDrills.contains(drill.getId()), "the feed with Include.EXERCISE");
    }

    /** A change of any kind: its subclass is the one of its kind, and its typed record is the version it names. */
    static void assertRecordMatches(Change c) {
        switch (c) {
        case ThreatChange tc -> {
            assertEquals(RecordKind.THREAT, tc.getKind());
            assertEquals(c.getId(), tc.getRecord().getId());
            assertEquals(c.getVersion(), tc.getRecord().getVersion());
        }
        case IncidentChange ic -> {
            assertEquals(RecordKind.INCIDENT, ic.getKind());
            assertEquals(c.getId(), ic.getRecord().getId());
            assertEquals(c.getVersion(), ic.getRecord().getVersion());
        }
        case ResourceChange rc -> {
            assertEquals(RecordKind.RESOURCE, rc.getKind());
            assertEquals(c.getId(), rc.getRecord().getId());
            assertEquals(c.getVersion(), rc.getRecord().getVersion());
        }
        default -> throw new AssertionError("a change that is none of the three subclasses: " + c);
        }
    }

    // ---------------------------------------------------------------- the README's example

    /** README "Clients for your system": the Java snippet, as it is there, with the checks between its lines. */
    @Test
    void theReadmeExample() throws Exception {
        String token = Jwts.admin(ORG);
        List<String> printed = new ArrayList<>();

        ApiClient api = new ApiClient();
        api.updateBaseUri(hub.url());
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        IncidentsApi incidents = new IncidentsApi(api);
        ChangesApi changes = new ChangesApi(api);

        Incident flood = new Incident().title("Lũ quét tại xã Trà Leng").hazardCode("MH0600").domain(Domain.WATER)
                .occurredAt(OffsetDateTime.parse("2026-11-21T22:40:00Z")).riskLevel(4)
                .location(new Location().adminCodes(List.of("49")));
        ApiResponse<IncidentRecord> created = incidents.createIncidentWithHttpInfo(flood); // 201
        UUID id = created.getData().getId();
        String etag = created.getHeaders().get("ETag").get(0); // "1"
        assertEquals(201, created.getStatusCode());
        assertEquals("\"1\"", etag);

        IncidentRecord read = incidents.getIncident(id);
        assertEquals("Lũ quét tại xã Trà Leng", read.getTitle());
        assertEquals(4, read.getRiskLevel());
        IncidentRecord changed = incidents.updateIncident(id, etag, flood.riskLevel(5)); // version 2
        assertEquals(2, changed.getVersion());
        assertEquals(5, changed.getRiskLevel());

        int status = 0;
        String type = null;
        try {
            incidents.updateIncident(id, etag, flood.riskLevel(3)); // etag "1" is stale now
        } catch (ApiException e) {
            Problem problem = api.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
            status = e.getCode(); // 412
            type = problem.getType(); // /problems/precondition-failed
        }
        assertEquals(412, status);
        assertEquals("/problems/precondition-failed", type);

        String after = null; // or the next you stored last time
        ChangePage page;
        do {
            page = changes.listChanges(after, 100, null, 0, null);
            for (Change change : page.getChanges()) {
                switch (change) {
                case IncidentChange c -> printed.add(c.getOp() + " " + c.getRecord().getTitle());
                case ThreatChange c -> printed.add(c.getOp() + " " + c.getRecord().getTitle());
                case ResourceChange c -> printed.add(c.getOp() + " " + c.getRecord().getName());
                default -> {
                }
                }
            }
            after = page.getNext(); // store it: the next run continues from here
        } while (page.getMore());

        assertTrue(printed.contains("create Lũ quét tại xã Trà Leng"), printed.toString());
        assertTrue(printed.contains("update Lũ quét tại xã Trà Leng"), printed.toString());
        assertEquals(List.of(), changes.listChanges(after, 100, null, 0, null).getChanges(), "read to the end");
    }

    // ---------------------------------------------------------------- helpers

    static String etag(ApiResponse<?> response) {
        List<String> values = response.getHeaders().get("ETag");
        assertNotNull(values, "no ETag in " + response.getHeaders());
        assertEquals(1, values.size(), "one ETag: " + values);
        return values.get(0);
    }

    /** The typed problem document of a refusal. */
    static Problem problem(ApiException e) {
        try {
            return api.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        } catch (IOException io) {
            throw new AssertionError("not a Problem: " + e.getResponseBody(), io);
        }
    }

    static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }

    static Location location(String... adminCodes) {
        return new Location().description("Thôn 1, xã Trà Leng").adminCodes(List.of(adminCodes));
    }

    /**
     * One kind's typed calls and models: {@code B} is what a client sends (Threat, Incident, Resource), {@code R} what
     * the hub answers (ThreatRecord, …). Each subclass calls its own API class only.
     */
    abstract static class Kind<B, R> {

        record Page<R>(List<R> items, String next) {
        }

        /** A title or name no other record has. */
        String label() {
            return toString() + " " + SEQ.incrementAndGet();
        }

        /** A valid body; {@code changed} gives different content under the same label. */
        abstract B body(String label, boolean changed);

        abstract B owned(B body, String owner);

        /** A body that is wrong in {@link #invalidField()} only. */
        abstract B invalid(String label);

        abstract String invalidField();

        abstract ApiResponse<R> create(B body) throws ApiException;

        abstract ApiResponse<R> get(UUID id) throws ApiException;

        abstract ApiResponse<R> update(UUID id, String ifMatch, B body) throws ApiException;

        abstract ApiResponse<R> upsert(String system, String sourceId, B body) throws ApiException;

        abstract Page<R> list(Integer limit, String cursor, String owner) throws ApiException;

        abstract List<R> versions(UUID id) throws ApiException;

        abstract ApiResponse<R> version(UUID id, int n) throws ApiException;

        abstract Lineage lineage(UUID id) throws ApiException;

        abstract UUID id(R record);

        abstract int version(R record);

        abstract String owner(R record);

        abstract Classification classification(R record);

        abstract boolean deleted(R record);

        abstract SourceRef sourceRef(R record);

        abstract Provenance provenance(R record);

        /** Every content field of {@code record} is what {@code sent} said. */
        abstract void assertContent(B sent, R record);
    }

    static final class ThreatKind extends Kind<Threat, ThreatRecord> {

        @Override
        public String toString() {
            return "threat";
        }

        @Override
        Threat body(String label, boolean changed) {
            return new Threat().title(label).description("Bão mạnh cấp 14, giật cấp 17.")
                    .instruction("Di dời dân khỏi vùng nguy hiểm.").hazardCode("MH0309").domain(Domain.CLIMATE)
                    .status(changed ? ThreatStatus.ACTIVE : ThreatStatus.WARNING).riskLevel(changed ? 5 : 4)
                    .urgency(Urgency.EXPECTED).severity(Severity.SEVERE).certainty(Certainty.LIKELY)
                    .responseTypes(List.of(ResponseType.EVACUATE, ResponseType.PREPARE))
                    .effective(at("2026-11-05T00:00:00Z")).onset(at("2026-11-06T12:00:00Z"))
                    .expires(at(changed ? "2026-11-09T00:00:00Z" : "2026-11-08T00:00:00Z"))
                    .areas(List.of(new Area().description("Gia Lai – Đắk Lắk").adminCodes(List.of("52", "66"))))
                    .indicators(
                            List.of(new Indicator().code("wind.max").value(new BigDecimal(changed ? "51.2" : "46.5"))
                                    .unit("m/s").observedAt(at("2026-11-05T06:00:00Z"))))
                    .alert(new CapAlertRef().identifier("VN-NCHMF-2026-1105-13").sender("nchmf.gov.vn")
                            .sent(at("2026-11-05T01:00:00Z")).msgType(MsgType.ALERT));
        }

        @Override
        Threat owned(Threat body, String owner) {
            return body.owner(owner);
        }

        @Override
        Threat invalid(String label) {
            return body(label, false).riskLevel(9);
        }

        @Override
        String invalidField() {
            return "riskLevel";
        }

        @Override
        ApiResponse<ThreatRecord> create(Threat body) throws ApiException {
            return threats.createThreatWithHttpInfo(body);
        }

        @Override
        ApiResponse<ThreatRecord> get(UUID id) throws ApiException {
            return threats.getThreatWithHttpInfo(id);
        }

        @Override
        ApiResponse<ThreatRecord> update(UUID id, String ifMatch, Threat body) throws ApiException {
            return threats.updateThreatWithHttpInfo(id, ifMatch, body);
        }

        @Override
        ApiResponse<ThreatRecord> upsert(String system, String sourceId, Threat body) throws ApiException {
            return threats.upsertThreatBySourceWithHttpInfo(system, sourceId, body, null);
        }

        @Override
        Page<ThreatRecord> list(Integer limit, String cursor, String owner) throws ApiException {
            ThreatPage page = threats.listThreats(limit, cursor, owner, null, null, null, null, null, null, null);
            return new Page<>(page.getItems(), page.getNext());
        }

        @Override
        List<ThreatRecord> versions(UUID id) throws ApiException {
            return threats.listThreatVersions(id).getItems();
        }

        @Override
        ApiResponse<ThreatRecord> version(UUID id, int n) throws ApiException {
            return threats.getThreatVersionWithHttpInfo(id, n);
        }

        @Override
        Lineage lineage(UUID id) throws ApiException {
            return threats.getThreatLineage(id, null);
        }

        @Override
        UUID id(ThreatRecord r) {
            return r.getId();
        }

        @Override
        int version(ThreatRecord r) {
            return r.getVersion();
        }

        @Override
        String owner(ThreatRecord r) {
            return r.getOwner();
        }

        @Override
        Classification classification(ThreatRecord r) {
            return r.getClassification();
        }

        @Override
        boolean deleted(ThreatRecord r) {
            return r.getDeleted();
        }

        @Override
        SourceRef sourceRef(ThreatRecord r) {
            return r.getSourceRef();
        }

        @Override
        Provenance provenance(ThreatRecord r) {
            return r.getProvenance();
        }

        @Override
        void assertContent(Threat sent, ThreatRecord r) {
            assertEquals(ThreatRecord.KindEnum.THREAT, r.getKind());
            assertEquals(sent.getTitle(), r.getTitle());
            assertEquals(sent.getDescription(), r.getDescription());
            assertEquals(sent.getInstruction(), r.getInstruction());
            assertEquals(sent.getHazardCode(), r.getHazardCode());
            assertEquals(sent.getDomain(), r.getDomain());
            assertEquals(sent.getStatus(), r.getStatus());
            assertEquals(sent.getRiskLevel(), r.getRiskLevel());
            assertEquals(sent.getUrgency(), r.getUrgency());
            assertEquals(sent.getSeverity(), r.getSeverity());
            assertEquals(sent.getCertainty(), r.getCertainty());
            assertEquals(sent.getResponseTypes(), r.getResponseTypes());
            assertEquals(sent.getEffective(), r.getEffective());
            assertEquals(sent.getOnset(), r.getOnset());
            assertEquals(sent.getExpires(), r.getExpires());
            assertEquals(sent.getAreas(), r.getAreas());
            assertEquals(sent.getIndicators(), r.getIndicators());
            assertEquals(sent.getAlert(), r.getAlert());
        }

        static ThreatIngestItem item(Threat t, SourceRef ref) {
            return new ThreatIngestItem().kind(ThreatIngestItem.KindEnum.THREAT).sourceRef(ref).title(t.getTitle())
                    .description(t.getDescription()).instruction(t.getInstruction()).hazardCode(t.getHazardCode())
                    .domain(t.getDomain()).status(t.getStatus()).riskLevel(t.getRiskLevel()).urgency(t.getUrgency())
                    .severity(t.getSeverity()).certainty(t.getCertainty()).responseTypes(t.getResponseTypes())
                    .effective(t.getEffective()).onset(t.getOnset()).expires(t.getExpires()).areas(t.getAreas())
                    .indicators(t.getIndicators()).alert(t.getAlert());
        }
    }

    static final class IncidentKind extends Kind<Incident, IncidentRecord> {

        @Override
        public String toString() {
            return "incident";
        }

        @Override
        Incident body(String label, boolean changed) {
            return new Incident().title(label).description("Mưa lớn kéo dài gây lũ quét.\nNhiều hộ dân bị cô lập.")
                    .hazardCode("MH0600").domain(Domain.WATER)
                    .status(changed ? IncidentStatus.RECOVERING : IncidentStatus.RESPONDING).riskLevel(changed ? 5 : 4)
                    .occurredAt(at("2026-11-21T22:40:00Z")).reportedAt(at("2026-11-21T23:05:00Z"))
                    .location(location("49", "49.206").geometry(
                            new Geometry().type(Geometry.TypeEnum.POINT).coordinates(List.of(108.0412, 15.2763))))
                    .impacts(List.of(
                            new Impact().metric(ImpactMetric.EVACUATED).value(new BigDecimal(changed ? "1400" : "1250"))
                                    .unit("people").asOf(at("2026-11-22T06:00:00Z")),
                            new Impact().metric(ImpactMetric.HOUSES_DAMAGED).value(new BigDecimal("87"))
                                    .estimated(true)))
                    .command(new Command().post("Sở chỉ huy tiền phương").commanderOrg("vn.dn")
                            .contact("0255 3822 000"));
        }

        @Override
        Incident owned(Incident body, String owner) {
            return body.owner(owner);
        }

        @Override
        Incident invalid(String label) {
            return body(label, false).riskLevel(9);
        }

        @Override
        String invalidField() {
            return "riskLevel";
        }

        @Override
        ApiResponse<IncidentRecord> create(Incident body) throws ApiException {
            return incidents.createIncidentWithHttpInfo(body);
        }

        @Override
        ApiResponse<IncidentRecord> get(UUID id) throws ApiException {
            return incidents.getIncidentWithHttpInfo(id);
        }

        @Override
        ApiResponse<IncidentRecord> update(UUID id, String ifMatch, Incident body) throws ApiException {
            return incidents.updateIncidentWithHttpInfo(id, ifMatch, body);
        }

        @Override
        ApiResponse<IncidentRecord> upsert(String system, String sourceId, Incident body) throws ApiException {
            return incidents.upsertIncidentBySourceWithHttpInfo(system, sourceId, body, null);
        }

        @Override
        Page<IncidentRecord> list(Integer limit, String cursor, String owner) throws ApiException {
            IncidentPage page = incidents.listIncidents(limit, cursor, owner, null, null, null, null, null, null, null);
            return new Page<>(page.getItems(), page.getNext());
        }

        @Override
        List<IncidentRecord> versions(UUID id) throws ApiException {
            return incidents.listIncidentVersions(id).getItems();
        }

        @Override
        ApiResponse<IncidentRecord> version(UUID id, int n) throws ApiException {
            return incidents.getIncidentVersionWithHttpInfo(id, n);
        }

        @Override
        Lineage lineage(UUID id) throws ApiException {
            return incidents.getIncidentLineage(id, null);
        }

        @Override
        UUID id(IncidentRecord r) {
            return r.getId();
        }

        @Override
        int version(IncidentRecord r) {
            return r.getVersion();
        }

        @Override
        String owner(IncidentRecord r) {
            return r.getOwner();
        }

        @Override
        Classification classification(IncidentRecord r) {
            return r.getClassification();
        }

        @Override
        boolean deleted(IncidentRecord r) {
            return r.getDeleted();
        }

        @Override
        SourceRef sourceRef(IncidentRecord r) {
            return r.getSourceRef();
        }

        @Override
        Provenance provenance(IncidentRecord r) {
            return r.getProvenance();
        }

        @Override
        void assertContent(Incident sent, IncidentRecord r) {
            assertEquals(IncidentRecord.KindEnum.INCIDENT, r.getKind());
            assertEquals(sent.getTitle(), r.getTitle());
            assertEquals(sent.getDescription(), r.getDescription());
            assertEquals(sent.getHazardCode(), r.getHazardCode());
            assertEquals(sent.getDomain(), r.getDomain());
            assertEquals(sent.getStatus(), r.getStatus());
            assertEquals(sent.getRiskLevel(), r.getRiskLevel());
            assertEquals(sent.getOccurredAt(), r.getOccurredAt());
            assertEquals(sent.getReportedAt(), r.getReportedAt());
            assertEquals(sent.getEndedAt(), r.getEndedAt());
            assertEquals(sent.getLocation(), r.getLocation());
            assertEquals(sent.getImpacts(), r.getImpacts());
            assertEquals(sent.getCommand(), r.getCommand());
            assertEquals(sent.getThreatIds(), r.getThreatIds());
            assertEquals(sent.getResourceIds(), r.getResourceIds());
        }

        static IncidentIngestItem item(Incident i, SourceRef ref) {
            return new IncidentIngestItem().kind(IncidentIngestItem.KindEnum.INCIDENT).sourceRef(ref)
                    .title(i.getTitle()).description(i.getDescription()).hazardCode(i.getHazardCode())
                    .domain(i.getDomain()).status(i.getStatus()).riskLevel(i.getRiskLevel())
                    .occurredAt(i.getOccurredAt()).reportedAt(i.getReportedAt()).location(i.getLocation())
                    .impacts(i.getImpacts()).command(i.getCommand());
        }
    }

    static final class ResourceKind extends Kind<Resource, ResourceRecord> {

        @Override
        public String toString() {
            return "resource";
        }

        @Override
        Resource body(String label, boolean changed) {
            return new Resource().name(label).pillar(Pillar.MATERIALS).category(ResourceCategory.VEHICLE)
                    .typeCode("rescue-boat").quantity(new BigDecimal("12"))
                    .available(new BigDecimal(changed ? "3" : "9")).unit("boat")
                    .status(changed ? ResourceStatus.DEPLOYED : ResourceStatus.AVAILABLE)
                    .location(new Location().adminCodes(List.of("51"))).reserve(true)
                    .expiresAt(at("2030-01-01T00:00:00Z"))
                    .assignment(new Assignment().incidentId(UUID.fromString("019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e"))
                            .since(at("2026-11-22T00:00:00Z")))
                    .contact("Ban chỉ huy tỉnh");
        }

        @Override
        Resource owned(Resource body, String owner) {
            return body.owner(owner);
        }

        @Override
        Resource invalid(String label) {
            return body(label, false).quantity(new BigDecimal("-5")).available(null);
        }

        @Override
        String invalidField() {
            return "quantity";
        }

        @Override
        ApiResponse<ResourceRecord> create(Resource body) throws ApiException {
            return resources.createResourceWithHttpInfo(body);
        }

        @Override
        ApiResponse<ResourceRecord> get(UUID id) throws ApiException {
            return resources.getResourceWithHttpInfo(id);
        }

        @Override
        ApiResponse<ResourceRecord> update(UUID id, String ifMatch, Resource body) throws ApiException {
            return resources.updateResourceWithHttpInfo(id, ifMatch, body);
        }

        @Override
        ApiResponse<ResourceRecord> upsert(String system, String sourceId, Resource body) throws ApiException {
            return resources.upsertResourceBySourceWithHttpInfo(system, sourceId, body, null);
        }

        @Override
        Page<ResourceRecord> list(Integer limit, String cursor, String owner) throws ApiException {
            ResourcePage page = resources.listResources(limit, cursor, owner, null, null, null, null, null);
            return new Page<>(page.getItems(), page.getNext());
        }

        @Override
        List<ResourceRecord> versions(UUID id) throws ApiException {
            return resources.listResourceVersions(id).getItems();
        }

        @Override
        ApiResponse<ResourceRecord> version(UUID id, int n) throws ApiException {
            return resources.getResourceVersionWithHttpInfo(id, n);
        }

        @Override
        Lineage lineage(UUID id) throws ApiException {
            return resources.getResourceLineage(id, null);
        }

        @Override
        UUID id(ResourceRecord r) {
            return r.getId();
        }

        @Override
        int version(ResourceRecord r) {
            return r.getVersion();
        }

        @Override
        String owner(ResourceRecord r) {
            return r.getOwner();
        }

        @Override
        Classification classification(ResourceRecord r) {
            return r.getClassification();
        }

        @Override
        boolean deleted(ResourceRecord r) {
            return r.getDeleted();
        }

        @Override
        SourceRef sourceRef(ResourceRecord r) {
            return r.getSourceRef();
        }

        @Override
        Provenance provenance(ResourceRecord r) {
            return r.getProvenance();
        }

        @Override
        void assertContent(Resource sent, ResourceRecord r) {
            assertEquals(ResourceRecord.KindEnum.RESOURCE, r.getKind());
            assertEquals(sent.getName(), r.getName());
            assertEquals(sent.getPillar(), r.getPillar());
            assertEquals(sent.getCategory(), r.getCategory());
            assertEquals(sent.getTypeCode(), r.getTypeCode());
            assertEquals(sent.getQuantity(), r.getQuantity());
            assertEquals(sent.getAvailable(), r.getAvailable());
            assertEquals(sent.getUnit(), r.getUnit());
            assertEquals(sent.getStatus(), r.getStatus());
            assertEquals(sent.getLocation(), r.getLocation());
            assertEquals(sent.getReserve(), r.getReserve());
            assertEquals(sent.getExpiresAt(), r.getExpiresAt());
            assertEquals(sent.getAssignment(), r.getAssignment());
            assertEquals(sent.getContact(), r.getContact());
        }

        static ResourceIngestItem item(Resource r, SourceRef ref) {
            return new ResourceIngestItem().kind(ResourceIngestItem.KindEnum.RESOURCE).sourceRef(ref).name(r.getName())
                    .pillar(r.getPillar()).category(r.getCategory()).typeCode(r.getTypeCode()).quantity(r.getQuantity())
                    .available(r.getAvailable()).unit(r.getUnit()).status(r.getStatus()).location(r.getLocation())
                    .reserve(r.getReserve()).expiresAt(r.getExpiresAt()).assignment(r.getAssignment())
                    .contact(r.getContact());
        }
    }
}
