import { expect } from "vitest";
import { api } from "../helpers/http.ts";
import { TENANT_DB } from "../helpers/users.ts";

let n = 0;
const uniq = () => `${++n}${Math.random().toString(36).slice(2, 6)}`;

const PREFIX: Record<string, string> = { longquanyi: "510112", pingchuan: "620403", dazhou: "511702" };

/** A township + village + household inserted straight into D1 (the registry has its own tests). */
export async function householdSetup(
  tenant: string,
  opts: { status?: "poor" | "exited" | "monitored"; monitorKind?: string; headName?: string; township?: string } = {},
) {
  const db = TENANT_DB[tenant]!;
  const township = opts.township ?? `${PREFIX[tenant]}${String(600 + (++n % 300)).padStart(3, "0")}`;
  await db.prepare("INSERT OR IGNORE INTO townships (code, name) VALUES (?, '公示镇')").bind(township).run();
  const villageName = `公示村${uniq()}`;
  const village = await db
    .prepare("INSERT INTO villages (code, name, township_code) VALUES (?, ?, ?) RETURNING id")
    .bind(`${township}${String(100 + (++n % 800)).padStart(3, "0")}`, villageName, township)
    .first<{ id: number }>();
  const hh = await db
    .prepare(
      "INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4, status, monitor_kind) VALUES (?, ?, 'v1.x.y', ?, ?, '1234', '5101', ?, ?) RETURNING id",
    )
    .bind(
      village!.id,
      opts.headName ?? "张三丰",
      `idh${uniq()}`,
      `sq${uniq()}`,
      opts.status ?? "poor",
      opts.monitorKind ?? null,
    )
    .first<{ id: number }>();
  return { township, villageId: village!.id, villageName, householdId: hh!.id };
}

export async function createDecision(
  tenant: string,
  token: string,
  householdId: number,
  body: Record<string, unknown> = { kind: "exit", reason: "两不愁三保障达标，人均纯收入超过标准" },
) {
  const res = await api(tenant, `/households/${householdId}/decisions`, { token, json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as {
    id: number;
    noticeId: number;
    status: string;
    householdStatus: string;
    noticeStart: string;
    noticeEnd: string;
  };
}

/**
 * Moves a notice's period (tests only). The database refuses to change a published notice's
 * dates (trigger `notices_content_immutable`), so the test plays a DBA: drops the trigger,
 * moves the dates, and puts the trigger back exactly as migration 0003 defines it.
 */
export async function setNoticePeriod(tenant: string, noticeId: number, start: string, end: string) {
  const db = TENANT_DB[tenant]!;
  await db.batch([
    db.prepare("DROP TRIGGER notices_content_immutable"),
    db.prepare("UPDATE notices SET start_date = ?, end_date = ? WHERE id = ?").bind(start, end, noticeId),
    db.prepare(
      "CREATE TRIGGER notices_content_immutable BEFORE UPDATE OF content, content_hash, kind, subject_id, start_date, end_date ON notices BEGIN SELECT RAISE(ABORT, 'notice_immutable: a published notice is never changed'); END",
    ),
  ]);
}

/** The notice period is over (ended long ago). */
export const endPeriod = (tenant: string, noticeId: number) =>
  setNoticePeriod(tenant, noticeId, "2000-01-01", "2000-01-07");

let ip = 0;
/** A client address no other test uses, so per-client rate limits do not leak between tests. */
export function freshIp(): string {
  ip++;
  return `198.51.${Math.floor(ip / 250)}.${(ip % 250) + 1}`;
}

export function object(tenant: string, noticeId: number, body: Record<string, unknown>, ipAddr = freshIp()) {
  return api(tenant, `/public/notices/${noticeId}/objections`, { json: body, headers: { "CF-Connecting-IP": ipAddr } });
}

export async function objectOk(
  tenant: string,
  noticeId: number,
  body: Record<string, unknown> = { text: "该户家中新购小汽车，不符合条件" },
) {
  const res = await object(tenant, noticeId, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { trackingCode: string };
}

export async function objectionIdOf(tenant: string, trackingCode: string): Promise<number> {
  const row = await TENANT_DB[tenant]!.prepare("SELECT id FROM objections WHERE tracking_code = ?")
    .bind(trackingCode)
    .first<{ id: number }>();
  return row!.id;
}

export function answer(
  tenant: string,
  token: string,
  objectionId: number,
  decision: "upheld" | "rejected",
  reply = "经核实，情况属实",
) {
  return api(tenant, `/objections/${objectionId}/answer`, { token, json: { decision, reply } });
}
