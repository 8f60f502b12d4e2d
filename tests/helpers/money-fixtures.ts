import { expect } from "vitest";
import { api } from "./http.ts";
import { TENANT_DB } from "./users.ts";

let n = 0;
const uniq = () => `${++n}${Math.random().toString(36).slice(2, 6)}`;

/**
 * Registry records a money test needs, inserted directly (the registry has its own tests);
 * the behaviour under test then goes through HTTP.
 */
export async function registryFixture(tenant: string) {
  const db = TENANT_DB[tenant]!;
  const prefix = tenant === "longquanyi" ? "510112" : tenant === "pingchuan" ? "620403" : "511702";
  const township = `${prefix}${String(500 + (n % 400)).padStart(3, "0")}`;
  await db.prepare("INSERT OR IGNORE INTO townships (code, name) VALUES (?, '资金镇')").bind(township).run();
  const village = await db
    .prepare("INSERT INTO villages (code, name, township_code, tags) VALUES (?, ?, ?, '[\"poor\"]') RETURNING id")
    .bind(`${township}${String(200 + (++n % 700)).padStart(3, "0")}`, `资金村${uniq()}`, township)
    .first<{ id: number }>();
  const unit = await db
    .prepare("INSERT INTO units (name, kind, level) VALUES (?, 'party_government', 'county') RETURNING id")
    .bind(`单位${uniq()}`)
    .first<{ id: number }>();
  return { villageId: village!.id, unitId: unit!.id, township };
}

export async function cadreFixture(
  tenant: string,
  unitId: number,
  villageId: number,
  role: "first_secretary" | "team_leader" | "team_member",
  name = "王建国",
) {
  const db = TENANT_DB[tenant]!;
  const cadre = await db
    .prepare("INSERT INTO cadres (name, unit_id, phone_hash) VALUES (?, ?, ?) RETURNING id")
    .bind(name, unitId, `h${uniq()}`)
    .first<{ id: number }>();
  const a = await db
    .prepare(
      "INSERT INTO assignments (cadre_id, village_id, role, start_date) VALUES (?, ?, ?, '2025-01-01') RETURNING id",
    )
    .bind(cadre!.id, villageId, role)
    .first<{ id: number }>();
  return { cadreId: cadre!.id, assignmentId: a!.id };
}

export async function householdFixture(tenant: string, villageId: number, headName = "张三明") {
  const db = TENANT_DB[tenant]!;
  const h = await db
    .prepare(
      "INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4) VALUES (?, ?, 'v1.x.y', ?, ?, '1234', '5101') RETURNING id",
    )
    .bind(villageId, headName, `idh${uniq()}`, `sq${uniq()}`)
    .first<{ id: number }>();
  return h!.id;
}

export async function createProgram(tenant: string, token: string, over: Record<string, unknown> = {}) {
  const res = await api(tenant, "/programs", {
    token,
    json: {
      name: `项目${uniq()}`,
      category: "resident_allowance",
      fundSource: "county",
      recipientKind: "cadre",
      ruleKind: "per_month",
      ruleAmountFen: 50_000,
      ...over,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; name: string };
}

export async function setBudget(tenant: string, token: string, programId: number, year: number, budgetFen: number) {
  const res = await api(tenant, `/programs/${programId}/budgets/${year}`, {
    method: "PUT",
    token,
    json: { budgetFen },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

export async function createBatch(tenant: string, token: string, programId: number, period = "2026-11") {
  const res = await api(tenant, "/batches", { token, json: { programId, period } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

export async function addLine(tenant: string, token: string, batchId: number, body: Record<string, unknown>) {
  return api(tenant, `/batches/${batchId}/lines`, { token, json: body });
}

/** The notice period passes (batches keep their own copy of the end date the approval checks). */
export async function endNoticePeriod(tenant: string, batchId: number) {
  await TENANT_DB[tenant]!.prepare("UPDATE batches SET notice_end = '2000-01-01' WHERE id = ?").bind(batchId).run();
}

export async function post(tenant: string, token: string, path: string, json?: unknown) {
  return api(tenant, path, { method: "POST", token, json });
}
