/// <reference types="node" />
/**
 * Grows a seeded demo tenant to F× its size, writing SQL straight into the local D1 sqlite file
 * (the server must be stopped): `npx tsx tests/bench/generate-county.ts --persist-to DIR --factor 100`.
 *
 * Shape of a county at 100× (about 50,000 households): villages ×min(F,10) (cloned townships with
 * their villages, teams, cadres, village pairings, projects, 四议两公开, incomes, notices,
 * objections) and households ×F/min(F,10) per village (with members, cadre pairings and visits);
 * then a year of monthly payments for every household (12 paid batches: ≈600,000 lines at 100×,
 * kept in paid_totals by the 0011 triggers) and F×1,000 entries appended to the audit log and to
 * the publication ledger, each chained with the app's own hashing (workers/lib), so
 * /audit/verify and /ledger/verify still pass.
 *
 * Cloned personal data keeps its ciphertext, which names the original row (AES-GCM associated
 * data): lists and masked pages never decrypt, but revealing a clone's ID number answers 422
 * pii_unreadable. Cloned households get distinct lookup hashes, so self-query and duplicate
 * checks stay exact.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditHash, GENESIS_HASH } from "../../workers/lib/audit-chain.ts";
import { ledgerHash } from "../../workers/lib/ledger-chain.ts";

function sqlite(file: string, sql: string, json = false): string {
  const r = spawnSync("sqlite3", ["-bail", ...(json ? ["-json"] : []), file], {
    input: sql,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0 || r.stderr) throw new Error(`sqlite3 failed: ${r.stderr}\n${sql.slice(0, 400)}`);
  return r.stdout;
}
function rows<T>(file: string, sql: string): T[] {
  const out = sqlite(file, sql, true).trim();
  return out ? (JSON.parse(out) as T[]) : [];
}

/** The tenant database file whose townships carry the given division code. */
export function tenantFile(persistTo: string, divisionCode: string): string {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".sqlite") && n !== "metadata.sqlite")) {
    try {
      const hit = rows<{ n: number }>(
        join(dir, f),
        `SELECT count(*) AS n FROM townships WHERE code LIKE '${divisionCode}%';`,
      );
      if ((hit[0]?.n ?? 0) > 0) return join(dir, f);
    } catch {
      /* control or another database */
    }
  }
  throw new Error(`no tenant database with division code ${divisionCode} under ${dir}`);
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function generateCounty(file: string, factor: number): Promise<Record<string, number>> {
  const VF = Math.min(factor, 10);
  const HF = Math.max(1, Math.round(factor / VF));
  const cols = (t: string) =>
    rows<{ name: string }>(file, `SELECT name FROM pragma_table_info('${t}') WHERE pk = 0 OR name <> 'id';`)
      .map((r) => r.name)
      .filter((n) => n !== "id");
  /** INSERT INTO t (id, cols…) SELECT m.new, overrides-or-s.col FROM <map> m JOIN t s ON s.id = m.old. */
  const copy = (t: string, map: string, over: Record<string, string>) => {
    const cs = cols(t);
    return `INSERT INTO ${t} (id, ${cs.join(", ")}) SELECT m.new, ${cs.map((c) => over[c] ?? `s.${c}`).join(", ")} FROM ${map} m JOIN ${t} s ON s.id = m.old ORDER BY m.new;`;
  };
  const base = (t: string) =>
    `max(coalesce((SELECT max(id) FROM ${t}), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${t}'), 0))`;
  /** A map (old, k, j, new) of copies: `src` selects (old, k, j) rows. */
  const map = (name: string, t: string, src: string) =>
    `CREATE TABLE ${name} AS SELECT old, k, j, (SELECT ${base(t)}) + row_number() OVER (ORDER BY k, j, old) AS new FROM (${src}); CREATE INDEX ${name}_idx ON ${name.replace("temp.", "")} (old, k, j);`;
  const prefix = "东西南北上下前后中";

  const ks = Array.from({ length: VF }, (_, k) => `SELECT ${k} AS k`).join(" UNION ALL ");
  const js = Array.from({ length: HF }, (_, j) => `SELECT ${j} AS j`).join(" UNION ALL ");
  const villageCopy = `(SELECT new FROM g_v WHERE old = s.village_id AND k = m.k)`;
  const cadreCopy = (col: string) => `(SELECT new FROM g_c WHERE old = s.${col} AND k = m.k)`;
  const script = `
PRAGMA foreign_keys = OFF;
DROP TABLE IF EXISTS g_k; DROP TABLE IF EXISTS g_j;
CREATE TEMP TABLE g_k AS ${ks};
CREATE TEMP TABLE g_j AS ${js};
CREATE TEMP TABLE g_t AS SELECT t.code AS old, k.k, substr(t.code, 1, 6) || printf('%03d', 300 + (k.k - 1) * 20 + t.r) AS new
  FROM (SELECT code, row_number() OVER (ORDER BY code) AS r FROM townships) t, g_k k WHERE k.k > 0;
INSERT INTO townships (${cols("townships").join(", ")}) SELECT ${cols("townships")
    .map((c) => (c === "code" ? "m.new" : c === "name" ? `substr(${q(prefix)}, m.k, 1) || s.name` : `s.${c}`))
    .join(", ")} FROM g_t m JOIN townships s ON s.code = m.old;
${map("temp.g_vn", "villages", "SELECT v.id AS old, k.k, 0 AS j FROM villages v, g_k k WHERE k.k > 0")}
${copy("villages", "g_vn", {
  code: "(SELECT new FROM g_t WHERE old = s.township_code AND k = m.k) || substr(s.code, 10, 3)",
  township_code: "(SELECT new FROM g_t WHERE old = s.township_code AND k = m.k)",
  name: `substr(${q(prefix)}, m.k, 1) || s.name`,
})}
CREATE TEMP TABLE g_v AS SELECT id AS old, 0 AS k, id AS new FROM villages WHERE id NOT IN (SELECT new FROM g_vn) UNION ALL SELECT old, k, new FROM g_vn;
CREATE INDEX temp.g_v_idx ON g_v (old, k);
INSERT INTO village_incomes (${cols("village_incomes").join(", ")}) SELECT ${cols("village_incomes")
    .map((c) => (c === "village_id" ? "m.new" : `s.${c}`))
    .join(", ")} FROM g_vn m JOIN village_incomes s ON s.village_id = m.old;
${map("temp.g_cn", "cadres", "SELECT c.id AS old, k.k, 0 AS j FROM cadres c, g_k k WHERE k.k > 0")}
${copy("cadres", "g_cn", { phone_hash: "CASE WHEN s.phone_hash IS NULL THEN NULL ELSE s.phone_hash || ':' || m.k END" })}
CREATE TEMP TABLE g_c AS SELECT id AS old, 0 AS k, id AS new FROM cadres WHERE id NOT IN (SELECT new FROM g_cn) UNION ALL SELECT old, k, new FROM g_cn;
CREATE INDEX temp.g_c_idx ON g_c (old, k);
${map("temp.g_a", "assignments", "SELECT a.id AS old, k.k, 0 AS j FROM assignments a, g_k k WHERE k.k > 0")}
${copy("assignments", "g_a", { village_id: villageCopy, cadre_id: cadreCopy("cadre_id"), replaced_by_id: "NULL" })}
${map("temp.g_hn", "households", "SELECT h.id AS old, k.k, j.j FROM households h, g_k k, g_j j WHERE k.k > 0 OR j.j > 0")}
${copy("households", "g_hn", {
  village_id: villageCopy,
  group_id: "CASE WHEN m.k = 0 THEN s.group_id END",
  id_number_hash: "s.id_number_hash || ':' || m.k || ':' || m.j",
  self_query_hash: "s.self_query_hash || ':' || m.k || ':' || m.j",
  phone_hash: "CASE WHEN s.phone_hash IS NULL THEN NULL ELSE s.phone_hash || ':' || m.k || ':' || m.j END",
})}
CREATE TEMP TABLE g_h AS SELECT id AS old, 0 AS k, 0 AS j, id AS new FROM households WHERE id NOT IN (SELECT new FROM g_hn) UNION ALL SELECT old, k, j, new FROM g_hn;
CREATE INDEX temp.g_h_idx ON g_h (old, k, j);
${map("temp.g_mem", "household_members", "SELECT s.id AS old, h.k, h.j FROM household_members s JOIN g_hn h ON h.old = s.household_id")}
${copy("household_members", "g_mem", { household_id: "(SELECT new FROM g_hn WHERE old = s.household_id AND k = m.k AND j = m.j)" })}
${map("temp.g_p", "pairings", "SELECT p.id AS old, k.k, j.j FROM pairings p, g_k k, g_j j WHERE (k.k > 0 OR j.j > 0) AND (p.household_id IS NOT NULL OR j.j = 0)")}
${copy("pairings", "g_p", {
  village_id: villageCopy,
  household_id: "(SELECT new FROM g_h WHERE old = s.household_id AND k = m.k AND j = m.j)",
  helper_cadre_id: cadreCopy("helper_cadre_id"),
  helper_village_id: "(SELECT new FROM g_v WHERE old = s.helper_village_id AND k = m.k)",
  handed_over_to_id: "NULL",
})}
${map("temp.g_vis", "visits", "SELECT s.id AS old, h.k, h.j FROM visits s JOIN g_hn h ON h.old = s.household_id")}
${copy("visits", "g_vis", {
  village_id: villageCopy,
  cadre_id: cadreCopy("cadre_id"),
  household_id: "(SELECT new FROM g_hn WHERE old = s.household_id AND k = m.k AND j = m.j)",
})}
${map("temp.g_pr", "projects", "SELECT s.id AS old, k.k, 0 AS j FROM projects s, g_k k WHERE k.k > 0")}
${copy("projects", "g_pr", { village_id: villageCopy })}
${map("temp.g_d", "village_decisions", "SELECT s.id AS old, k.k, 0 AS j FROM village_decisions s, g_k k WHERE k.k > 0")}
${copy("village_decisions", "g_d", {
  village_id: villageCopy,
  project_id: "(SELECT new FROM g_pr WHERE old = s.project_id AND k = m.k)",
})}
${map("temp.g_ds", "decision_stages", "SELECT s.id AS old, d.k, 0 AS j FROM decision_stages s JOIN g_d d ON d.old = s.decision_id")}
${copy("decision_stages", "g_ds", { decision_id: "(SELECT new FROM g_d WHERE old = s.decision_id AND k = m.k)" })}
${map("temp.g_n", "notices", "SELECT s.id AS old, k.k, j.j FROM notices s, g_k k, g_j j WHERE (k.k > 0 OR j.j > 0) AND s.chunk_count = 0")}
${copy("notices", "g_n", {
  village_ids:
    "(SELECT coalesce(json_group_array(v.new), '[]') FROM json_each(s.village_ids) e JOIN g_v v ON v.old = e.value AND v.k = m.k)",
  ledger_seq: "NULL",
})}
${map("temp.g_o", "objections", "SELECT s.id AS old, n.k, n.j FROM objections s JOIN g_n n ON n.old = s.notice_id")}
${copy("objections", "g_o", {
  notice_id: "(SELECT new FROM g_n WHERE old = s.notice_id AND k = m.k AND j = m.j)",
  tracking_code: "s.tracking_code || 'G' || m.new",
})}
${map("temp.g_f", "feedback", "SELECT s.id AS old, k.k, j.j FROM feedback s, g_k k, g_j j WHERE k.k > 0 OR j.j > 0")}
${copy("feedback", "g_f", { village_id: villageCopy, tracking_code: "s.tracking_code || 'G' || m.new" })}
`;
  writeFileSync("/tmp/generate-county.sql", script);
  sqlite(file, `BEGIN;\n${script}\nCOMMIT;`);

  // A year of monthly payments for every household: one program, 12 paid batches.
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
  const progCols = cols("programs");
  const batchCols = cols("batches");
  const money = `
PRAGMA foreign_keys = OFF;
INSERT INTO programs (${progCols.join(", ")}) SELECT ${progCols
    .map((c) => (c === "name" ? `'基准月度生活补助（${factor}×）'` : c === "seed_ref" ? "NULL" : `s.${c}`))
    .join(", ")} FROM programs s WHERE s.recipient_kind = 'household' ORDER BY s.id LIMIT 1;
CREATE TEMP TABLE g_prog AS SELECT max(id) AS id FROM programs;
CREATE TEMP TABLE g_m AS WITH RECURSIVE m(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 12) SELECT n FROM m;
INSERT INTO batches (${batchCols.join(", ")}) SELECT ${batchCols
    .map(
      (c) =>
        ({
          program_id: "(SELECT id FROM g_prog)",
          year: String(year),
          period: `'${year}-' || printf('%02d', g_m.n)`,
          title: `'${year} 年 ' || g_m.n || ' 月生活补助'`,
          status: "'paid'",
          total_fen: "0",
          line_count: "0",
          notice_id: "NULL",
          paid_date: `'${year}-' || printf('%02d', g_m.n) || '-25'`,
          payment_ref: "'GEN' || g_m.n",
        })[c] ?? `s.${c}`,
    )
    .join(
      ", ",
    )} FROM g_m, (SELECT * FROM batches WHERE status IN ('paid', 'closed') ORDER BY id LIMIT 1) s ORDER BY g_m.n;
CREATE TEMP TABLE g_b AS SELECT id, period, paid_date FROM batches WHERE program_id = (SELECT id FROM g_prog);
INSERT INTO batch_lines (batch_id, program_id, period, recipient_kind, recipient_id, recipient_name, village_id, amount_fen, purpose, status, paid_date, bank_ref)
  SELECT b.id, (SELECT id FROM g_prog), b.period, 'household', h.id, h.head_name, h.village_id, 30000 + (h.id % 7) * 1000, '生活补助', 'paid', b.paid_date, 'GEN'
  FROM g_b b, households h ORDER BY b.id, h.id;
UPDATE batches SET total_fen = (SELECT sum(amount_fen) FROM batch_lines WHERE batch_id = batches.id), line_count = (SELECT count(*) FROM batch_lines WHERE batch_id = batches.id) WHERE id IN (SELECT id FROM g_b);
INSERT INTO budgets (program_id, year, budget_fen, committed_fen, paid_fen) SELECT (SELECT id FROM g_prog), ${year}, sum(total_fen) * 2, sum(total_fen), sum(total_fen) FROM batches WHERE id IN (SELECT id FROM g_b);
`;
  sqlite(file, `BEGIN;\n${money}\nCOMMIT;`);

  // Chains: F×1,000 audit entries and ledger entries, each extending its head with the app's hashing.
  const n = factor * 1000;
  const audit = rows<Record<string, unknown>>(file, "SELECT * FROM audit_log ORDER BY seq;");
  const ledger = rows<Record<string, unknown>>(
    file,
    "SELECT * FROM ledger_entries WHERE kind <> 'audit.checkpoint' ORDER BY seq;",
  );
  const aHead = rows<{ seq: number; hash: string }>(
    file,
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;",
  )[0];
  const lHead = rows<{ seq: number; hash: string }>(
    file,
    "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1;",
  )[0];
  const aCols = Object.keys(audit[0] ?? {});
  const lCols = Object.keys(ledger[0] ?? {});
  let aPrev = aHead?.hash ?? GENESIS_HASH;
  let lPrev = lHead?.hash ?? GENESIS_HASH;
  const val = (v: unknown) =>
    v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : q(String(v));
  const out: string[] = ["BEGIN;"];
  const at0 = Math.floor(Date.now() / 1000) - n;
  for (let i = 1; i <= n; i++) {
    const src = audit[i % audit.length]!;
    const e = {
      seq: (aHead?.seq ?? 0) + i,
      at: at0 + i,
      actorId: src.actor_id as number | null,
      actorName: src.actor_name as string,
      actorRole: src.actor_role as string,
      action: src.action as string,
      entity: src.entity as string,
      entityId: src.entity_id as string | null,
      before: src.before as string | null,
      after: src.after as string | null,
      requestId: `generate-county-${i}`,
      prevHash: aPrev,
    };
    aPrev = await auditHash(e);
    const row: Record<string, unknown> = {
      ...src,
      seq: e.seq,
      at: e.at,
      request_id: e.requestId,
      prev_hash: e.prevHash,
      hash: aPrev,
    };
    out.push(`INSERT INTO audit_log (${aCols.join(", ")}) VALUES (${aCols.map((c) => val(row[c])).join(", ")});`);
  }
  for (let i = 1; i <= n; i++) {
    const src = ledger[i % ledger.length]!;
    const e = {
      seq: (lHead?.seq ?? 0) + i,
      at: at0 + i,
      kind: src.kind as string,
      ref: src.ref as string,
      contentHash: src.content_hash as string,
      prevHash: lPrev,
    };
    lPrev = await ledgerHash(e);
    const row: Record<string, unknown> = { ...src, seq: e.seq, at: e.at, prev_hash: e.prevHash, hash: lPrev };
    out.push(`INSERT INTO ledger_entries (${lCols.join(", ")}) VALUES (${lCols.map((c) => val(row[c])).join(", ")});`);
  }
  out.push("COMMIT;");
  sqlite(file, out.join("\n"));

  const counts = rows<Record<string, number>>(
    file,
    `SELECT (SELECT count(*) FROM villages) AS villages, (SELECT count(*) FROM households) AS households,
      (SELECT count(*) FROM household_members) AS members, (SELECT count(*) FROM batch_lines) AS batchLines,
      (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM ledger_entries) AS ledger,
      (SELECT count(*) FROM notices) AS notices, (SELECT count(*) FROM visits) AS visits,
      (SELECT count(*) FROM pairings) AS pairings, (SELECT count(*) FROM cadres) AS cadres,
      (SELECT count(*) FROM objections) AS objections, (SELECT count(*) FROM feedback) AS feedback;`,
  )[0]!;
  sqlite(file, "PRAGMA wal_checkpoint(TRUNCATE);");
  return counts;
}

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? args[i + 1] : undefined;
};
async function cli() {
  const persistTo = arg("persist-to");
  if (!persistTo) throw new Error("usage: generate-county.ts --persist-to DIR [--factor 100] [--division 510112]");
  const t0 = Date.now();
  const counts = await generateCounty(tenantFile(persistTo, arg("division") ?? "510112"), Number(arg("factor") ?? 100));
  console.log(JSON.stringify(counts), `${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
if (import.meta.url === `file://${process.argv[1]}`)
  cli().catch((err) => {
    console.error(err);
    process.exit(1);
  });
