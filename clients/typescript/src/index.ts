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
import type { paths } from "./schema.js";

export type * from "./schema.js";

export type HubClient = Client<paths>;

/** A client for the hub at `baseUrl` that sends `token` as its bearer token on every call. */
export function createHubClient(baseUrl: string, token: string, fetchImpl?: typeof fetch): HubClient {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
