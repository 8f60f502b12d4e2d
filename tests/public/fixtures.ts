import { env } from "cloudflare:test";
import { expect } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB, type Session } from "../helpers/users.ts";
import { derivePiiKeys, selfQueryHash } from "../../workers/lib/pii-crypto.ts";
import { todayInChina } from "../../workers/lib/dates.ts";

let n = 0;
const uniq = () => `${++n}${Math.random().toString(36).slice(2, 6)}`;
const PREFIX: Record<string, string> = { longquanyi: "510112", pingchuan: "620403", dazhou: "511702" };

/** Common surnames + given names: realistic three-character names the PII scan can look for. */
const SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
const GIVEN = "秀英桂兰玉梅建国志强海燕春华明亮文军丽娟小红德胜永福金凤";
export function personName(i: number): string {
  return SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13 + 3) % GIVEN.length]!;
}

/** A valid-looking 18-character ID (check digit not needed: households are inserted directly). */
export function idNumberOf(i: number): string {
  return `510112${1950 + (i % 50)}0${(i % 9) + 1}1${i % 10}${String(100 + (i % 900)).padStart(3, "0")}${i % 10}`;
}

export interface PublicVillage {
  tenant: string;
  townshipCode: string;
  villageId: number;
  villageCode: string;
  villageName: string;
  cadreName: string;
  unitName: string;
  households: { id: number; name: string; idNumber: string; phone: string }[];
}

let townSeq = 0;
/**
 * A village with a resident first secretary, a paired unit and `households` households whose
 * self-query hash is real (computed with the test PII key), inserted directly (the registry has
 * its own tests).
 */
export async function publicVillage(tenant: string, households = 3): Promise<PublicVillage> {
  const db = TENANT_DB[tenant]!;
  const township = `${PREFIX[tenant]}${String(700 + (++townSeq % 250)).padStart(3, "0")}`;
  await db.prepare("INSERT OR IGNORE INTO townships (code, name) VALUES (?, '公开镇')").bind(township).run();
  const villageCode = `${township}${String(100 + ((n * 37 + Math.floor(Math.random() * 800)) % 899)).padStart(3, "0")}`;
  const villageName = `公开${uniq()}村`;
  const v = await db
    .prepare("INSERT INTO villages (code, name, township_code, tags) VALUES (?, ?, ?, '[\"poor\"]') RETURNING id")
    .bind(villageCode, villageName, township)
    .first<{ id: number }>();
  const unitName = `县公开局${uniq()}`;
  const unit = await db
    .prepare("INSERT INTO units (name, kind, level) VALUES (?, 'party_government', 'county') RETURNING id")
    .bind(unitName)
    .first<{ id: number }>();
  const cadreName = `第一书记${uniq()}`;
  const cadre = await db
    .prepare(
      "INSERT INTO cadres (name, unit_id, phone_hash, phone_masked, office_phone, position) VALUES (?, ?, ?, '139****0000', '028-84851234', '副科长') RETURNING id",
    )
    .bind(cadreName, unit!.id, `ph${uniq()}`)
    .first<{ id: number }>();
  await db
    .prepare(
      "INSERT INTO assignments (cadre_id, village_id, role, start_date) VALUES (?, ?, 'first_secretary', '2025-03-01')",
    )
    .bind(cadre!.id, v!.id)
    .run();
  await db
    .prepare(
      "INSERT INTO pairings (kind, helper_unit_id, village_id, start_date) VALUES ('unit_village', ?, ?, '2025-01-01')",
    )
    .bind(unit!.id, v!.id)
    .run();
  const keys = await derivePiiKeys(env.PII_MASTER_KEY as string, tenant);
  const list = [];
  for (let i = 0; i < households; i++) {
    const k = n * 50 + i;
    const name = personName(k);
    const idNumber = idNumberOf(k);
    const phone = `139${String(10_000_000 + k * 7919).slice(0, 8)}`;
    const sq = await selfQueryHash(keys, name, idNumber.slice(-6));
    const h = await db
      .prepare(
        "INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4, phone_enc, phone_hash, phone_masked) VALUES (?, ?, 'v1.x.y', ?, ?, ?, ?, 'v1.p.q', ?, ?) RETURNING id",
      )
      .bind(
        v!.id,
        name,
        `idh${uniq()}`,
        sq,
        idNumber.slice(-4),
        idNumber.slice(0, 4),
        `pph${uniq()}`,
        `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      )
      .first<{ id: number }>();
    list.push({ id: h!.id, name, idNumber, phone });
  }
  return {
    tenant,
    townshipCode: township,
    villageId: v!.id,
    villageCode,
    villageName,
    cadreName,
    unitName,
    households: list,
  };
}

/** A household program, a noticed batch of lines for `hh`, approved and paid. Returns the notice id. */
export async function paidBatch(
  tenant: string,
  admin: Session,
  recipients: { id: number }[],
  amountFen = 120_000,
  opts: { pay?: boolean } = {},
) {
  const year = Number(todayInChina().slice(0, 4));
  const program = await api(tenant, "/programs", {
    token: admin.token,
    json: {
      name: `产业扶持${uniq()}`,
      category: "industry_support",
      fundSource: "county",
      recipientKind: "household",
      ruleKind: "per_line",
    },
  });
  expect(program.status, await program.clone().text()).toBe(201);
  const programId = ((await program.json()) as { id: number }).id;
  expect(
    (
      await api(tenant, `/programs/${programId}/budgets/${year}`, {
        method: "PUT",
        token: admin.token,
        json: { budgetFen: 1_000_000_000 },
      })
    ).status,
  ).toBe(200);
  const batch = await api(tenant, "/batches", { token: admin.token, json: { programId, period: String(year) } });
  expect(batch.status, await batch.clone().text()).toBe(201);
  const batchId = ((await batch.json()) as { id: number }).id;
  for (const r of recipients) {
    const res = await api(tenant, `/batches/${batchId}/lines`, {
      token: admin.token,
      json: { recipientId: r.id, amountFen, purpose: "产业扶持" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const submitted = await api(tenant, `/batches/${batchId}/submit`, { method: "POST", token: admin.token });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
  const noticeId = ((await submitted.json()) as { noticeId: number }).noticeId;
  if (opts.pay !== false) {
    await TENANT_DB[tenant]!.prepare("UPDATE batches SET notice_end = '2000-01-01' WHERE id = ?").bind(batchId).run();
    // Maker-checker: another county administrator approves, and the creator registers the payment.
    const approver = await signIn(tenant, "county_admin");
    const approved = await api(tenant, `/batches/${batchId}/approve`, { method: "POST", token: approver.token });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const paid = await api(tenant, `/batches/${batchId}/pay`, {
      method: "POST",
      token: admin.token,
      json: { paidDate: todayInChina(), paymentRef: `GK${uniq()}` },
    });
    expect(paid.status, await paid.clone().text()).toBe(200);
  }
  return { batchId, noticeId, programId };
}

export async function adminOf(tenant: string) {
  return signIn(tenant, "county_admin");
}

/** GET a public page with a client address (rate limits are per client). */
export function page(path: string, headers: Record<string, string> = {}) {
  return call(path, { headers });
}
