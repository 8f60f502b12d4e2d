/**
 * How a county's own system would call Bangfu, typed only from the published OpenAPI document.
 *
 * `npm run check:api` exports the document, lints it, generates tests/output/api/schema.ts with
 * openapi-typescript and type-checks this file against it (tests/api-contract/tsconfig.json: no
 * Workers types, no import from workers/ — the client knows the document and nothing else).
 * If an operation, a parameter or a response shape changes, this file stops compiling; the
 * `@ts-expect-error` lines prove the generated types are precise (not `any`).
 *
 * Nothing here runs in the test suite; it is the contract, checked by the compiler.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "../output/api/schema.ts";

type Household = components["schemas"]["Household"];
type Batch = components["schemas"]["Batch"];
type Problem = components["schemas"]["Problem"];
type HouseholdQuery = NonNullable<operations["listHouseholds"]["parameters"]["query"]>;

/** A tenant's API: every path starts with /t/{tenant}/api/v1. */
export function bangfu(baseUrl: string) {
  return createClient<paths>({ baseUrl });
}
type Client = ReturnType<typeof bangfu>;

/** The bearer token from POST /auth/login on every later request. */
export function bearer(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}

export class BangfuError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
  }
}

/** login: the token goes into Authorization: Bearer for every later call. */
export async function signIn(client: Client, tenant: string, username: string, password: string): Promise<string> {
  const { data, error } = await client.POST("/t/{tenant}/api/v1/auth/login", {
    params: { path: { tenant } },
    body: { username, password },
  });
  if (error) throw new BangfuError(error);
  client.use(bearer(data.token));
  return data.token;
}

/** listHouseholds: every monitored household of one village, page by page. */
export async function monitoredHouseholds(client: Client, tenant: string, villageCode: string): Promise<Household[]> {
  const all: Household[] = [];
  for (let page = 1; ; page++) {
    const query: HouseholdQuery = { villageCode, status: "monitored", page, size: 100 };
    const { data, error } = await client.GET("/t/{tenant}/api/v1/households", { params: { path: { tenant }, query } });
    if (error) throw new BangfuError(error);
    all.push(...data.items);
    if (page * data.size >= data.total) return all;
  }
}

/** createBatch: safe to retry after a timeout, because the same Idempotency-Key returns the first batch. */
export async function createMonthlyBatch(
  client: Client,
  tenant: string,
  programId: number,
  period: string,
  idempotencyKey: string,
): Promise<Batch> {
  const { data, error, response } = await client.POST("/t/{tenant}/api/v1/batches", {
    params: { path: { tenant }, header: { "idempotency-key": idempotencyKey } },
    body: { programId, period, title: `${period} 驻村补助` },
  });
  if (error) throw new BangfuError(error);
  // 201 the first time, 200 when the key was seen before: the same batch either way.
  const status: Batch["status"] = data.status;
  if (response.status === 201 && status !== "draft") throw new Error("a new batch starts as a draft");
  return data;
}

/** Public endpoints need no credential: a villager's mini-program could read the ledger directly. */
export async function ledgerHead(client: Client, tenant: string): Promise<string | null> {
  const { data, error } = await client.GET("/t/{tenant}/api/v1/ledger", {
    params: { path: { tenant }, query: { limit: 1 } },
  });
  if (error) throw new BangfuError(error);
  return data.head?.hash ?? null;
}

/** Never called: each line must be rejected by the compiler, or the generated types are too loose. */
export function contractIsPrecise(client: Client, tenant: string) {
  // @ts-expect-error: household status is a closed set
  client.GET("/t/{tenant}/api/v1/households", { params: { path: { tenant }, query: { status: "rich" } } });
  // @ts-expect-error: a batch needs a program and a period
  client.POST("/t/{tenant}/api/v1/batches", { params: { path: { tenant } }, body: { title: "无项目" } });
  // @ts-expect-error: the tenant is a required path parameter
  client.GET("/t/{tenant}/api/v1/households", {});
  // @ts-expect-error: no such path
  client.GET("/t/{tenant}/api/v1/household", { params: { path: { tenant } } });
  // @ts-expect-error: money is in integer fen, never a string
  const fen: string = ({} as Batch).totalFen;
  return fen;
}
