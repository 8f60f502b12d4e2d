import { env } from "cloudflare:test";
import { expect } from "vitest";
import { api, call } from "../helpers/http.ts";
import { TENANT_DB } from "../helpers/users.ts";
import { derivePiiKeys, searchHash } from "../../workers/lib/pii-crypto.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";

let n = 0;

/** A valid ID number no other test of this file uses. */
export function freshIdNumber(): string {
  n++;
  const seq = String((Date.now() % 900) + n)
    .padStart(3, "0")
    .slice(-3);
  const day = String((n % 28) + 1).padStart(2, "0");
  return makeIdNumber(`510112${1960 + (n % 40)}03${day}${seq}`);
}

/** A household whose head's ID number is searchable the way the app stores it (keyed hash). */
export async function householdWithId(tenant: string, villageId: number, headName: string, idNumber = freshIdNumber()) {
  const keys = await derivePiiKeys(env.PII_MASTER_KEY, tenant);
  const hash = await searchHash(keys, idNumber);
  const row = await TENANT_DB[tenant]!.prepare(
    "INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4) VALUES (?, ?, 'v1.x.y', ?, ?, ?, ?) RETURNING id",
  )
    .bind(villageId, headName, hash, `sq${hash.slice(0, 12)}${n}`, idNumber.slice(-4), idNumber.slice(0, 4))
    .first<{ id: number }>();
  return { id: row!.id, idNumber };
}

export function uploadCsv(tenant: string, token: string, path: string, body: string | Uint8Array) {
  return api(tenant, path, { token, body, headers: { "Content-Type": "text/csv" } });
}

export async function commitImport(tenant: string, token: string, importId: number) {
  return api(tenant, `/imports/${importId}/commit`, { method: "POST", token });
}

export async function adminPage(path: string, cookie: string) {
  const res = await call(path, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text(), res };
}

export function expectStatus(res: Response, status: number, body?: string) {
  expect(res.status, body).toBe(status);
}
