/**
 * The TypeScript client (createHubClient: openapi-fetch over the generated `paths`) against a real hub, the same
 * journey as sync-it's JavaClientIT: per kind create, get, update with If-Match, a stale update answered 412 with a
 * Problem, paging by `next`, versions, lineage, upsert by source reference and a 400 naming the field; then a bulk
 * ingest mixing the three kinds and the change feed. Every call goes through the typed client; nothing is cast.
 *
 * sync-it's TypeScriptClientIT starts a hub and runs this with LIENTHONG_HUB_URL and LIENTHONG_TOKEN (an admin of
 * organisation vn); by hand: LIENTHONG_HUB_URL=http://localhost:8080 LIENTHONG_TOKEN=$(cat .lienthong/dev-token)
 * npm test (against a hub you can write to: it creates records).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  changesOf,
  createHubClient,
  type Change,
  type Classification,
  type Incident,
  type IncidentChange,
  type IncidentRecord,
  type IngestBatch,
  type Lineage,
  type Problem,
  type Provenance,
  type Resource,
  type ResourceChange,
  type ResourceRecord,
  type SourceRef,
  type Threat,
  type ThreatChange,
  type ThreatRecord,
} from "../src/index.js";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === "") {
    throw new Error(
      `${name} is not set. These tests need a running hub: set LIENTHONG_HUB_URL (e.g. http://localhost:8080) and ` +
        "LIENTHONG_TOKEN (a bearer token of an admin of organisation vn), or run them through sync-it's " +
        "TypeScriptClientIT (bin/test -pl hub-core,clients/java,clients/typescript,sync-it -am " +
        "-Dtest='TypeScriptClientIT*' -Dsurefire.failIfNoSpecifiedTests=false).",
    );
  }
  return value.trim();
}

const hubUrl = env("LIENTHONG_HUB_URL");
const hub = createHubClient(hubUrl, env("LIENTHONG_TOKEN"));

/** The organisation of the token: records default to it. */
const ORG = "vn";
/** Owner of the records the paging test lists (only those have it). */
const PAGED_OWNER = "vn.dn";
/** Unique per run, so that the tests can run again against the same hub. */
const RUN = `${Date.now().toString(36)}-${process.pid}`;
let seq = 0;

// ---------------------------------------------------------------- what every kind has in common

/** What openapi-fetch answers: data on 2xx, the typed problem otherwise, and the response itself. */
type Answer<T> = { data?: T; error?: Problem; response: Response };

/** The envelope the hub sets on every stored version. */
interface Envelope {
  id: string;
  version: number;
  owner: string;
  classification: Classification;
  sourceRef?: SourceRef;
  deleted: boolean;
  provenance: Provenance;
}

const ENVELOPE = ["id", "kind", "version", "owner", "classification", "sourceRef", "createdAt", "updatedAt",
  "deleted", "provenance"];

/** One kind's typed calls: B is what a client sends (Threat, Incident, Resource), R what the hub stores. */
interface Kind<B extends object, R extends Envelope> {
  name: "threat" | "incident" | "resource";
  body(label: string, changed: boolean): B;
  owned(body: B, owner: string): B;
  /** A body that is wrong in `invalidField` only. */
  invalid(label: string): B;
  invalidField: string;
  create(body: B): Promise<Answer<R>>;
  get(id: string): Promise<Answer<R>>;
  update(id: string, ifMatch: string, body: B): Promise<Answer<R>>;
  upsert(system: string, sourceId: string, body: B): Promise<Answer<R>>;
  list(limit: number, cursor: string | undefined, owner: string): Promise<Answer<{ items: R[]; next: string | null }>>;
  versions(id: string): Promise<Answer<{ items: R[] }>>;
  version(id: string, n: number): Promise<Answer<R>>;
  lineage(id: string): Promise<Answer<Lineage>>;
}

function label(kind: string): string {
  seq += 1;
  return `${kind} ${RUN} ${seq}`;
}

/** The answer's data; fails with the status and the problem otherwise. */
function ok<T>(answer: Answer<T>, status: number): T {
  assert.equal(answer.response.status, status,
    `${answer.response.url}: expected HTTP ${status}, got ${answer.response.status}: ${JSON.stringify(answer.error)}`);
  assert.equal(answer.error, undefined);
  assert.ok(answer.data !== undefined, `${answer.response.url}: no body`);
  return answer.data;
}

/** The problem of a refusal with `status`. */
function refused<T>(answer: Answer<T>, status: number): Problem {
  assert.equal(answer.response.status, status, `expected HTTP ${status}: ${JSON.stringify(answer.data)}`);
  assert.equal(answer.response.headers.get("Content-Type")?.split(";")[0], "application/problem+json");
  assert.equal(answer.data, undefined);
  assert.ok(answer.error !== undefined, "a problem document");
  return answer.error;
}

function etag(answer: Answer<unknown>): string {
  const tag = answer.response.headers.get("ETag");
  assert.ok(tag !== null, `no ETag from ${answer.response.url}`);
  return tag;
}

/** Every content field of `record` is what `sent` said, and it has no other content. */
function assertContent(sent: object, record: object): void {
  const stored = new Map(Object.entries(record).filter(([key]) => !ENVELOPE.includes(key)));
  for (const [key, value] of Object.entries(sent)) {
    if (ENVELOPE.includes(key)) {
      continue;
    }
    assert.deepEqual(stored.get(key), value, `field ${key}`);
    stored.delete(key);
  }
  assert.deepEqual([...stored.keys()], [], "fields the record has but the request did not send");
}

// ---------------------------------------------------------------- the three kinds

const threats: Kind<Threat, ThreatRecord> = {
  name: "threat",
  body: (title, changed) => ({
    title,
    description: "Bão mạnh cấp 14, giật cấp 17.",
    instruction: "Di dời dân khỏi vùng nguy hiểm.",
    hazardCode: "MH0309",
    domain: "climate",
    status: changed ? "active" : "warning",
    riskLevel: changed ? 5 : 4,
    urgency: "Expected",
    severity: "Severe",
    certainty: "Likely",
    responseTypes: ["Evacuate", "Prepare"],
    effective: "2026-11-05T00:00:00Z",
    onset: "2026-11-06T12:00:00Z",
    expires: changed ? "2026-11-09T00:00:00Z" : "2026-11-08T00:00:00Z",
    areas: [{ description: "Gia Lai – Đắk Lắk", adminCodes: ["52", "66"] }],
    indicators: [{ code: "wind.max", value: changed ? 51.2 : 46.5, unit: "m/s", observedAt: "2026-11-05T06:00:00Z" }],
    alert: {
      identifier: "VN-NCHMF-2026-1105-13",
      sender: "nchmf.gov.vn",
      sent: "2026-11-05T01:00:00Z",
      msgType: "Alert",
    },
  }),
  owned: (body, owner) => ({ ...body, owner }),
  invalid: (title) => ({ ...threats.body(title, false), riskLevel: 9 }),
  invalidField: "riskLevel",
  create: (body) => hub.POST("/api/v1/threats", { body }),
  get: (id) => hub.GET("/api/v1/threats/{id}", { params: { path: { id } } }),
  update: (id, ifMatch, body) =>
    hub.PUT("/api/v1/threats/{id}", { params: { path: { id }, header: { "If-Match": ifMatch } }, body }),
  upsert: (system, sourceId, body) =>
    hub.PUT("/api/v1/threats/by-source/{system}/{sourceId}", { params: { path: { system, sourceId } }, body }),
  list: (limit, cursor, owner) => hub.GET("/api/v1/threats", { params: { query: { limit, cursor, owner } } }),
  versions: (id) => hub.GET("/api/v1/threats/{id}/versions", { params: { path: { id } } }),
  version: (id, n) => hub.GET("/api/v1/threats/{id}/versions/{n}", { params: { path: { id, n } } }),
  lineage: (id) => hub.GET("/api/v1/threats/{id}/lineage", { params: { path: { id } } }),
};

const incidents: Kind<Incident, IncidentRecord> = {
  name: "incident",
  body: (title, changed) => ({
    title,
    description: "Mưa lớn kéo dài gây lũ quét.\nNhiều hộ dân bị cô lập.",
    hazardCode: "MH0600",
    domain: "water",
    status: changed ? "recovering" : "responding",
    riskLevel: changed ? 5 : 4,
    occurredAt: "2026-11-21T22:40:00Z",
    reportedAt: "2026-11-21T23:05:00Z",
    location: {
      description: "Thôn 1, xã Trà Leng",
      adminCodes: ["49", "49.206"],
      geometry: { type: "Point", coordinates: [108.0412, 15.2763] },
    },
    impacts: [
      { metric: "evacuated", value: changed ? 1400 : 1250, unit: "people", asOf: "2026-11-22T06:00:00Z" },
      { metric: "housesDamaged", value: 87, estimated: true },
    ],
    command: { post: "Sở chỉ huy tiền phương", commanderOrg: "vn.dn", contact: "0255 3822 000" },
  }),
  owned: (body, owner) => ({ ...body, owner }),
  invalid: (title) => ({ ...incidents.body(title, false), riskLevel: 9 }),
  invalidField: "riskLevel",
  create: (body) => hub.POST("/api/v1/incidents", { body }),
  get: (id) => hub.GET("/api/v1/incidents/{id}", { params: { path: { id } } }),
  update: (id, ifMatch, body) =>
    hub.PUT("/api/v1/incidents/{id}", { params: { path: { id }, header: { "If-Match": ifMatch } }, body }),
  upsert: (system, sourceId, body) =>
    hub.PUT("/api/v1/incidents/by-source/{system}/{sourceId}", { params: { path: { system, sourceId } }, body }),
  list: (limit, cursor, owner) => hub.GET("/api/v1/incidents", { params: { query: { limit, cursor, owner } } }),
  versions: (id) => hub.GET("/api/v1/incidents/{id}/versions", { params: { path: { id } } }),
  version: (id, n) => hub.GET("/api/v1/incidents/{id}/versions/{n}", { params: { path: { id, n } } }),
  lineage: (id) => hub.GET("/api/v1/incidents/{id}/lineage", { params: { path: { id } } }),
};

const resources: Kind<Resource, ResourceRecord> = {
  name: "resource",
  body: (name, changed) => ({
    name,
    pillar: "materials",
    category: "vehicle",
    typeCode: "rescue-boat",
    quantity: 12,
    available: changed ? 3 : 9,
    unit: "boat",
    status: changed ? "deployed" : "available",
    location: { adminCodes: ["51"] },
    reserve: true,
    expiresAt: "2030-01-01T00:00:00Z",
    assignment: { incidentId: "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e", since: "2026-11-22T00:00:00Z" },
    contact: "Ban chỉ huy tỉnh",
  }),
  owned: (body, owner) => ({ ...body, owner }),
  invalid: (name) => {
    const { available: _available, ...rest } = resources.body(name, false);
    return { ...rest, quantity: -5 };
  },
  invalidField: "quantity",
  create: (body) => hub.POST("/api/v1/resources", { body }),
  get: (id) => hub.GET("/api/v1/resources/{id}", { params: { path: { id } } }),
  update: (id, ifMatch, body) =>
    hub.PUT("/api/v1/resources/{id}", { params: { path: { id }, header: { "If-Match": ifMatch } }, body }),
  upsert: (system, sourceId, body) =>
    hub.PUT("/api/v1/resources/by-source/{system}/{sourceId}", { params: { path: { system, sourceId } }, body }),
  list: (limit, cursor, owner) => hub.GET("/api/v1/resources", { params: { query: { limit, cursor, owner } } }),
  versions: (id) => hub.GET("/api/v1/resources/{id}/versions", { params: { path: { id } } }),
  version: (id, n) => hub.GET("/api/v1/resources/{id}/versions/{n}", { params: { path: { id, n } } }),
  lineage: (id) => hub.GET("/api/v1/resources/{id}/lineage", { params: { path: { id } } }),
};

// ---------------------------------------------------------------- one kind at a time

function journey<B extends object, R extends Envelope>(kind: Kind<B, R>): void {
  describe(kind.name, () => {
    test("create, get, update with If-Match, a stale update (412), versions and lineage", async () => {
      const title = label(kind.name);
      const sent = kind.body(title, false);
      const createdAnswer = await kind.create(sent);
      const created = ok(createdAnswer, 201);
      assert.equal(etag(createdAnswer), '"1"');
      assert.match(createdAnswer.response.headers.get("Location") ?? "", new RegExp(`/${created.id}$`));
      assert.equal(created.version, 1);
      assert.equal(created.owner, ORG, "the owner defaults to the caller's organisation");
      assert.equal(created.classification, "internal");
      assert.equal(created.deleted, false);
      const p1 = created.provenance;
      assert.equal(p1.activity, "create");
      assert.equal(p1.author.org, ORG);
      assert.match(p1.hash, /^[0-9a-f]{64}$/);
      assert.deepEqual(p1.parents, []);
      assertContent(sent, created);

      const readAnswer = await kind.get(created.id);
      const read = ok(readAnswer, 200);
      assert.equal(etag(readAnswer), '"1"');
      assert.equal(read.id, created.id);
      assert.equal(read.provenance.hash, p1.hash);
      assert.equal(read.provenance.originHub, p1.originHub);
      assertContent(sent, read);

      const changed = kind.body(title, true);
      const updatedAnswer = await kind.update(created.id, etag(readAnswer), changed);
      const updated = ok(updatedAnswer, 200);
      assert.equal(etag(updatedAnswer), '"2"');
      assert.equal(updated.id, created.id);
      assert.equal(updated.version, 2);
      assert.equal(updated.provenance.activity, "update");
      assert.deepEqual(updated.provenance.parents, [p1.hash]);
      assertContent(changed, updated);
      assertContent(changed, ok(await kind.get(created.id), 200));

      // someone else's view: the old ETag is stale now
      const staleAnswer = await kind.update(created.id, '"1"', sent);
      const stale = refused(staleAnswer, 412);
      assert.equal(stale.status, 412);
      assert.equal(stale.type, "/problems/precondition-failed");
      assert.ok(stale.title.length > 0);
      assert.equal(staleAnswer.response.headers.get("ETag"), '"2"', "a 412 names the current version");
      assert.equal(ok(await kind.get(created.id), 200).version, 2, "nothing was written by the stale update");

      const versions = ok(await kind.versions(created.id), 200).items;
      assert.deepEqual(versions.map((v) => v.version), [1, 2], "both versions, oldest first");
      assert.ok(versions[0] !== undefined && versions[1] !== undefined);
      assertContent(sent, versions[0]);
      assertContent(changed, versions[1]);
      assert.deepEqual(versions.map((v) => v.provenance.hash), [p1.hash, updated.provenance.hash]);
      const firstAnswer = await kind.version(created.id, 1);
      assert.equal(etag(firstAnswer), '"1"');
      assertContent(sent, ok(firstAnswer, 200));

      const lineage = ok(await kind.lineage(created.id), 200);
      assert.deepEqual(lineage.record, { kind: kind.name, id: created.id });
      assert.deepEqual(lineage.versions.map((v) => v.version), [1, 2]);
      assert.deepEqual(lineage.versions.map((v) => v.hash), [p1.hash, updated.provenance.hash]);
      assert.deepEqual(lineage.versions.map((v) => v.activity), ["create", "update"]);
      assert.deepEqual(lineage.versions[1]?.parents, [p1.hash]);
      assert.deepEqual(lineage.hops, [], "written here, never replicated");
    });

    test("list in pages, following next until it is null", async () => {
      const owner = PAGED_OWNER;
      const before = new Set((ok(await kind.list(1000, undefined, owner), 200)).items.map((r) => r.id));
      const created: string[] = [];
      for (let i = 0; i < 7; i++) {
        created.push(ok(await kind.create(kind.owned(kind.body(label(kind.name), false), owner)), 201).id);
      }
      const seen: string[] = [];
      let pages = 0;
      let cursor: string | undefined;
      do {
        const page = ok(await kind.list(3, cursor, owner), 200);
        pages += 1;
        assert.ok(page.items.length <= 3, `limit 3, got ${page.items.length}`);
        for (const r of page.items) {
          assert.equal(r.owner, owner);
          seen.push(r.id);
        }
        cursor = page.next ?? undefined;
        assert.ok(pages <= 100, "next never became null");
      } while (cursor !== undefined);
      assert.equal(new Set(seen).size, seen.length, "every record once");
      assert.deepEqual(seen.filter((id) => !before.has(id)), created, "the new records, oldest first");
      assert.ok(pages >= 3, `7 new records in pages of 3 take at least 3 pages, took ${pages}`);
      const all = ok(await kind.list(1000, undefined, owner), 200);
      assert.deepEqual(all.items.map((r) => r.id), seen);
      assert.equal(all.next, null);
    });

    test("upsert by source reference: 201, then 200 with the same id", async () => {
      const system = "it-typescript";
      const sourceId = `${kind.name}-${RUN}-${seq}`;
      const title = label(kind.name);
      const first = kind.body(title, false);
      const createdAnswer = await kind.upsert(system, sourceId, first);
      const created = ok(createdAnswer, 201);
      assert.equal(etag(createdAnswer), '"1"');
      assert.deepEqual(created.sourceRef, { system, id: sourceId });
      assertContent(first, created);

      const changed = kind.body(title, true);
      const updatedAnswer = await kind.upsert(system, sourceId, changed);
      const updated = ok(updatedAnswer, 200);
      assert.equal(updated.id, created.id, "the same record");
      assert.equal(updated.version, 2);
      assert.equal(etag(updatedAnswer), '"2"');
      assertContent(changed, updated);

      const again = ok(await kind.upsert(system, sourceId, changed), 200);
      assert.equal(again.id, created.id);
      assert.equal(again.version, 2, "identical content writes no version");
    });

    test(`an invalid record is refused with 400 naming ${kind.invalidField}`, async () => {
      const problem = refused(await kind.create(kind.invalid(label(kind.name))), 400);
      assert.equal(problem.status, 400);
      assert.equal(problem.type, "/problems/validation");
      assert.deepEqual(problem.errors?.map((e) => e.field), [kind.invalidField], JSON.stringify(problem));
      assert.ok((problem.errors?.[0]?.message ?? "").length > 0);
    });
  });
}

journey(threats);
journey(incidents);
journey(resources);

// ---------------------------------------------------------------- all kinds together

test("ingest takes a batch mixing the three kinds", async () => {
  const n = `${RUN}-${++seq}`;
  const threat = threats.body(label("threat"), false);
  const incident = incidents.body(label("incident"), false);
  const resource = resources.body(label("resource"), false);
  const ref = (id: string): SourceRef => ({ system: "it-ingest-ts", id: `${id}-${n}` });
  const batch: IngestBatch = [
    { ...threat, kind: "threat", sourceRef: ref("T") },
    { ...incident, kind: "incident", sourceRef: ref("I") },
    { ...resource, kind: "resource", sourceRef: ref("R") },
    { ...resources.invalid("bad"), kind: "resource", sourceRef: ref("BAD") },
  ];
  const result = ok(await hub.POST("/api/v1/ingest", { body: batch }), 200);
  assert.deepEqual([result.created, result.updated, result.unchanged, result.rejected], [3, 0, 0, 1]);
  assert.deepEqual(result.results.map((o) => o.index), [0, 1, 2, 3]);
  assert.deepEqual(result.results.map((o) => o.status), ["created", "created", "created", "rejected"]);
  assert.deepEqual(result.results.slice(0, 3).map((o) => o.version), [1, 1, 1]);
  assert.deepEqual(result.results[3]?.errors?.map((e) => e.field), ["quantity"]);
  const [t, i, r] = result.results.map((o) => o.id);
  assert.ok(t !== undefined && i !== undefined && r !== undefined, "ids of the created records");

  const storedThreat = ok(await hub.GET("/api/v1/threats/{id}", { params: { path: { id: t } } }), 200);
  assertContent(threat, storedThreat);
  assert.deepEqual(storedThreat.sourceRef, ref("T"));
  assert.equal(storedThreat.provenance.activity, "import");
  const storedIncident = ok(await hub.GET("/api/v1/incidents/{id}", { params: { path: { id: i } } }), 200);
  assertContent(incident, storedIncident);
  assert.deepEqual(storedIncident.sourceRef, ref("I"));
  const storedResource = ok(await hub.GET("/api/v1/resources/{id}", { params: { path: { id: r } } }), 200);
  assertContent(resource, storedResource);
  assert.deepEqual(storedResource.sourceRef, ref("R"));

  const again = ok(await hub.POST("/api/v1/ingest", { body: batch }), 200);
  assert.deepEqual([again.created, again.updated, again.unchanged, again.rejected], [0, 0, 3, 1]);
  assert.deepEqual(again.results.slice(0, 3).map((o) => o.id), [t, i, r], "the same records");
});

/**
 * A change of one of the three kinds. The contract types ChangePage.changes as the base schema Change (its
 * discriminator maps kind to ThreatChange, IncidentChange, ResourceChange), and openapi-typescript makes no union of a
 * base schema's mapping: the narrowing is written here, checked at run time rather than cast.
 */
type KindChange = ThreatChange | IncidentChange | ResourceChange;

function isKindChange(change: Change): change is KindChange {
  if (!("record" in change)) {
    return false;
  }
  const record: unknown = change.record;
  return typeof record === "object" && record !== null && "kind" in record && record.kind === change.kind;
}

test("the change feed gives each version with the record of its kind", async () => {
  const threat = threats.body(label("threat"), false);
  const incident = incidents.body(label("incident"), false);
  const resource = resources.body(label("resource"), false);
  const threatId = ok(await threats.create(threat), 201).id;
  const incidentId = ok(await incidents.create(incident), 201).id;
  const resourceId = ok(await resources.create(resource), 201).id;
  const changedResource = resources.body(resource.name, true);
  ok(await resources.update(resourceId, '"1"', changedResource), 200);

  const byVersion = new Map<string, KindChange>();
  const cursors = new Set<string>();
  let after: string | undefined;
  let pages = 0;
  const deadline = Date.now() + 30_000;
  const wanted = [`${threatId}/1`, `${incidentId}/1`, `${resourceId}/1`, `${resourceId}/2`];
  while (!wanted.every((key) => byVersion.has(key))) {
    assert.ok(Date.now() < deadline, `the feed did not give ${wanted.filter((k) => !byVersion.has(k))}`);
    const page = ok(await hub.GET("/api/v1/changes", { params: { query: { after, limit: 2, wait: 1 } } }), 200);
    pages += 1;
    assert.ok(page.changes.length <= 2, `limit 2, got ${page.changes.length}`);
    assert.equal(typeof page.hub, "string");
    for (const change of page.changes) {
      assert.ok(!cursors.has(change.cursor), `cursor given twice: ${change.cursor}`);
      cursors.add(change.cursor);
      assert.ok(isKindChange(change), `a change with the record of its kind: ${JSON.stringify(change)}`);
      assert.equal(change.record.id, change.id);
      assert.equal(change.record.version, change.version);
      const key = `${change.id}/${change.version}`;
      assert.ok(!byVersion.has(key), `version given twice: ${key}`);
      byVersion.set(key, change);
    }
    after = page.next;
  }
  assert.ok(pages > 1, "more than one page was read");

  const t = byVersion.get(`${threatId}/1`);
  assert.ok(t?.kind === "threat" && t.op === "create");
  assertContent(threat, t.record);
  const i = byVersion.get(`${incidentId}/1`);
  assert.ok(i?.kind === "incident" && i.op === "create");
  assertContent(incident, i.record);
  const r1 = byVersion.get(`${resourceId}/1`);
  assert.ok(r1?.kind === "resource" && r1.op === "create");
  assertContent(resource, r1.record);
  const r2 = byVersion.get(`${resourceId}/2`);
  assert.ok(r2?.kind === "resource" && r2.op === "update");
  assertContent(changedResource, r2.record);
  const order = [...byVersion.keys()];
  assert.ok(order.indexOf(`${resourceId}/1`) < order.indexOf(`${resourceId}/2`), "a record's versions in order");

  // read to the end: then the feed is empty, and next still continues from there
  for (;;) {
    const tail = ok(await hub.GET("/api/v1/changes", { params: { query: { after, limit: 1000 } } }), 200);
    after = tail.next;
    if (!tail.more) {
      break;
    }
  }
  const empty = ok(await hub.GET("/api/v1/changes", { params: { query: { after, limit: 10 } } }), 200);
  assert.deepEqual(empty.changes, []);
  assert.equal(empty.more, false);
  assert.equal(empty.next, after);

  const threatsOnly = await hub.GET("/api/v1/changes", { params: { query: { limit: 1000, kinds: ["threat"] } } });
  const onlyThreats = ok(threatsOnly, 200);
  assert.ok(onlyThreats.changes.length > 0);
  assert.ok(onlyThreats.changes.every((c) => c.kind === "threat"));
  // openapi-fetch repeats an array parameter (kinds=threat&kinds=resource); the hub reads it like kinds=threat,resource
  const twoKinds = ok(
    await hub.GET("/api/v1/changes", { params: { query: { limit: 1000, kinds: ["threat", "resource"] } } }), 200);
  assert.ok(twoKinds.changes.some((c) => c.kind === "resource"));
  assert.ok(twoKinds.changes.some((c) => c.kind === "threat"));
  assert.ok(twoKinds.changes.every((c) => c.kind !== "incident"));
});

// ---------------------------------------------------------------- the README's example

/** README "Clients for your system": the TypeScript snippet, as it is there, with the checks between its lines. */
test("the README's example", async () => {
  const token = env("LIENTHONG_TOKEN");
  const printed: string[] = [];

  const hub = createHubClient(hubUrl, token);

  const flood: Incident = {
    title: "Lũ quét tại xã Trà Leng", hazardCode: "MH0600", domain: "water",
    occurredAt: "2026-11-21T22:40:00Z", riskLevel: 4, location: { adminCodes: ["49"] },
  };
  const created = await hub.POST("/api/v1/incidents", { body: flood }); // 201
  if (created.error) throw new Error(`${created.error.status} ${created.error.title}: ${created.error.detail}`);
  const id = created.data.id;
  const etag = created.response.headers.get("ETag") ?? ""; // "1"
  assert.equal(created.response.status, 201);
  assert.equal(etag, '"1"');

  const read = await hub.GET("/api/v1/incidents/{id}", { params: { path: { id } } });
  assert.equal(read.data?.title, "Lũ quét tại xã Trà Leng");
  assert.equal(read.data?.riskLevel, 4);
  const changed = await hub.PUT("/api/v1/incidents/{id}", {
    params: { path: { id }, header: { "If-Match": etag } },
    body: { ...flood, riskLevel: 5 },
  }); // version 2
  assert.equal(changed.data?.version, 2);
  assert.equal(changed.data?.riskLevel, 5);

  const stale = await hub.PUT("/api/v1/incidents/{id}", {
    params: { path: { id }, header: { "If-Match": etag } }, // "1" is stale now
    body: { ...flood, riskLevel: 3 },
  });
  // stale.response.status: 412, stale.error: a Problem, its type /problems/precondition-failed
  assert.equal(stale.response.status, 412);
  assert.equal(stale.error?.type, "/problems/precondition-failed");

  let after: string | undefined; // or the next you stored last time
  for (;;) {
    const { data: page, error } = await hub.GET("/api/v1/changes", { params: { query: { after, limit: 100 } } });
    if (error) throw new Error(error.title);
    for (const change of changesOf(page)) { // each narrowed by its kind
      if (change.kind === "incident") printed.push(`${change.op} ${change.record.title}`);
    }
    after = page.next; // store it: the next run continues from here
    if (!page.more) break;
  }

  assert.ok(printed.includes("create Lũ quét tại xã Trà Leng"), JSON.stringify(printed));
  assert.ok(printed.includes("update Lũ quét tại xã Trà Leng"), JSON.stringify(printed));
  const end = await hub.GET("/api/v1/changes", { params: { query: { after, limit: 100 } } });
  assert.deepEqual(end.data?.changes, [], "read to the end");
});
