import { env } from "cloudflare:test";
import { expect } from "vitest";
import { derivePiiKeys, searchHash } from "../../workers/lib/pii-crypto.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";
import { TENANT_DB, uniqueName } from "./users.ts";

/**
 * Test fixtures for records other slices own (townships, villages, units, cadres, households,
 * assignments): inserted straight into the tenant database so these tests do not depend on
 * those APIs. Everything under test still goes through HTTP.
 */
const db = (tenant: string) => TENANT_DB[tenant]!;
const COUNTY: Record<string, string> = { longquanyi: "510112", pingchuan: "620403", dazhou: "511702" };

let seq = 500 + Math.floor(Math.random() * 300);
const next = () => ++seq;

export async function township(tenant: string, code?: string): Promise<string> {
  const c = code ?? `${COUNTY[tenant]}${String(next()).padStart(3, "0")}`;
  await db(tenant)
    .prepare("INSERT OR IGNORE INTO townships (code, name, county_code) VALUES (?, ?, ?)")
    .bind(c, `镇${c.slice(-3)}`, tenant === "dazhou" ? COUNTY[tenant] : null)
    .run();
  return c;
}

let villageSeq = 100;
export async function village(
  tenant: string,
  townshipCode: string,
  tags: string[] = [],
): Promise<{ id: number; code: string; townshipCode: string }> {
  const code = `${townshipCode}${String(++villageSeq).padStart(3, "0")}`;
  const row = await db(tenant)
    .prepare("INSERT INTO villages (code, name, township_code, tags) VALUES (?, ?, ?, ?) RETURNING id")
    .bind(code, `村${code.slice(-3)}`, townshipCode, JSON.stringify(tags))
    .first<{ id: number }>();
  return { id: row!.id, code, townshipCode };
}

export async function unit(
  tenant: string,
  kind = "party_government",
  name = uniqueName("单位"),
): Promise<{ id: number; name: string }> {
  const row = await db(tenant)
    .prepare("INSERT INTO units (name, kind, level) VALUES (?, ?, 'county') RETURNING id")
    .bind(name, kind)
    .first<{ id: number }>();
  return { id: row!.id, name };
}

export async function cadre(
  tenant: string,
  unitId?: number,
  name = uniqueName("干部"),
): Promise<{ id: number; name: string; unitId: number }> {
  const u = unitId ?? (await unit(tenant)).id;
  const row = await db(tenant)
    .prepare("INSERT INTO cadres (name, unit_id) VALUES (?, ?) RETURNING id")
    .bind(name, u)
    .first<{ id: number }>();
  return { id: row!.id, name, unitId: u };
}

let idSeq = 1000;
/** A valid ID number no other household in this file has (birth date varies with the counter). */
export function freshIdNumber(tenant: string): string {
  const n = ++idSeq; // consecutive values map to distinct (month, day, serial) for 42,000 households
  const day = 1 + (n % 28);
  const month = 1 + (Math.floor(n / 28) % 12);
  const serial = String(n % 1000).padStart(3, "0");
  return makeIdNumber(`${COUNTY[tenant]}1980${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${serial}`);
}

/**
 * A household with placeholder ciphertext; its ID hash is the real keyed hash of `idNumber`, so
 * lookups by ID number (CSV import) find it.
 */
export async function household(
  tenant: string,
  villageId: number,
  status: "poor" | "exited" | "monitored" = "poor",
  idNumber = freshIdNumber(tenant),
) {
  const keys = await derivePiiKeys(env.PII_MASTER_KEY, tenant);
  const hash = await searchHash(keys, idNumber);
  const row = await db(tenant)
    .prepare(
      "INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4, status, monitor_kind) VALUES (?, ?, 'v1.x.y', ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(
      villageId,
      uniqueName("户主"),
      hash,
      `sq-${hash}`,
      idNumber.slice(-4),
      idNumber.slice(0, 4),
      status,
      status === "monitored" ? "unstable" : null,
    )
    .first<{ id: number }>();
  return { id: row!.id, idNumber };
}

export async function setHouseholdStatus(tenant: string, householdId: number, status: "poor" | "exited" | "monitored") {
  await db(tenant)
    .prepare("UPDATE households SET status = ?, monitor_kind = ? WHERE id = ?")
    .bind(status, status === "monitored" ? "unstable" : null, householdId)
    .run();
}

export async function assignment(
  tenant: string,
  cadreId: number,
  villageId: number,
  role: "first_secretary" | "team_leader" | "team_member" = "team_member",
) {
  const row = await db(tenant)
    .prepare(
      "INSERT INTO assignments (cadre_id, village_id, role, start_date) VALUES (?, ?, ?, '2024-01-01') RETURNING id",
    )
    .bind(cadreId, villageId, role)
    .first<{ id: number }>();
  return row!.id;
}

export async function endAssignment(tenant: string, id: number) {
  await db(tenant)
    .prepare(
      "UPDATE assignments SET status = 'completed', end_date = '2025-01-01', end_reason = 'term_completed' WHERE id = ?",
    )
    .bind(id)
    .run();
}

/** A township with one village (tags optional), for a test's own data. */
export async function place(tenant: string, tags: string[] = []) {
  const t = await township(tenant);
  const v = await village(tenant, t, tags);
  return { townshipCode: t, village: v };
}

/** An id free in all the given tenants' `table`, so a record made with it in one exists in no other. */
export async function freeId(
  table: "units" | "cadres" | "villages" | "households" | "pairings",
  ...tenants: string[]
): Promise<number> {
  let max = 0;
  for (const t of tenants)
    max = Math.max(
      max,
      (await db(t).prepare(`SELECT coalesce(max(id), 0) AS m FROM ${table}`).first<{ m: number }>())!.m,
    );
  return max + 1 + Math.floor(Math.random() * 50);
}

/** Moves a freshly made record to id `to` (tests of other tenants' ids need an id unused here). */
export async function moveId(
  tenant: string,
  table: "units" | "cadres" | "villages" | "households" | "pairings",
  from: number,
  to: number,
) {
  await db(tenant).prepare(`UPDATE ${table} SET id = ? WHERE id = ?`).bind(to, from).run();
}

/**
 * Makes the next id `home` hands out in `table` (every tenant table is AUTOINCREMENT) one that none
 * of `others` has, so a record created next exists in `home` only: "another tenant's id" then means a
 * real id of another tenant, not an id that happens to be free everywhere or taken in both.
 */
export async function nextIdOnlyIn(home: string, table: string, ...others: string[]): Promise<void> {
  let max = 0;
  for (const t of [home, ...others]) {
    const row = await db(t)
      .prepare(
        `SELECT max(coalesce((SELECT max(id) FROM ${table}), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) AS m`,
      )
      .bind(table)
      .first<{ m: number }>();
    max = Math.max(max, row!.m);
  }
  await db(home).batch([
    db(home).prepare("DELETE FROM sqlite_sequence WHERE name = ?").bind(table),
    db(home)
      .prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)")
      .bind(table, max + 1000),
  ]);
}

/** Asserts that `id` names no row of `table` in `tenant` (the precondition of a cross-tenant 404). */
export async function expectNoRow(tenant: string, table: string, id: number): Promise<void> {
  const row = await db(tenant)
    .prepare(`SELECT count(*) AS n FROM ${table} WHERE id = ?`)
    .bind(id)
    .first<{ n: number }>();
  expect(row!.n, `${table} ${id} must not exist in ${tenant}`).toBe(0);
}
