/**
 * A typed client for the Lienthong hub API. `paths` and `components` are generated from the published contract
 * (openapi/openapi.yaml) by openapi-typescript; openapi-fetch makes the calls, so every path, parameter, body and
 * answer is checked by the compiler:
 *
 *   const hub = createHubClient("https://hub.example.gov.vn", token);
 *   const { data, error } = await hub.POST("/api/v1/incidents", { body: { title: "…", hazardCode: "MH0600",
 *     domain: "water", occurredAt: "2026-11-22T05:40:00Z" } });
 *   // data: IncidentRecord | undefined, error: Problem | undefined
 */
import createClient, { type Client } from "openapi-fetch";
import type { ChangePage, IncidentChange, paths, ResourceChange, ThreatChange } from "./schema.js";

export type * from "./schema.js";

/**
 * The media types the client reads: JSON answers and problem documents. Lists can also answer CSV and a threat CAP
 * XML; without this choice `data` would be typed `IncidentPage | string` and `ThreatRecord | string`. Ask for those
 * with `headers: { Accept: "text/csv" }, parseAs: "text"`.
 */
export type HubMedia = "application/json" | "application/problem+json";

export type HubClient = Client<paths, HubMedia>;

/** A client for the hub at `baseUrl` that sends `token` as its bearer token on every call. */
export function createHubClient(baseUrl: string, token: string, fetchImpl?: typeof fetch): HubClient {
  return createClient<paths, HubMedia>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

/** A change of any kind; `switch (change.kind)` or `if (change.kind === "incident")` narrows it to its record's type. */
export type AnyChange = ThreatChange | IncidentChange | ResourceChange;

/**
 * The changes of a page, typed as {@link AnyChange}. `ChangePage.changes` is typed as the base `Change`: the contract
 * lists the three kinds' changes in the discriminator mapping of `Change` (which gives Java clients
 * `IncidentChange extends Change`), and openapi-typescript does not turn a mapping into a union. The hub writes every
 * change with its kind and record, so this is a narrowing, not a conversion.
 */
export function changesOf(page: ChangePage): AnyChange[] {
  return page.changes as AnyChange[];
}
