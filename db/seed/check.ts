/// <reference types="node" />
/**
 * The seed self-check (run it with `npx tsx db/scripts/seed-check.ts [--persist-to <dir>]`, after
 * `npm start` / `npm run db:seed`): `checkTenant` throws a CheckError on the first broken
 * invariant of one demo tenant. Checks, per demo tenant:
 * - the audit chain and the publication ledger verify (workers/audit/chain.ts, workers/ledger/chain.ts);
 * - every notice's hash is the hash of its content and its ledger entry names that hash;
 * - budgets equal what the lines imply, batch totals equal their lines, payment claims are
 *   exactly the live lines of no-repeat programs; village cadre lines pay only rated posts;
 * - every household ID number, phone and every objection/feedback contact is bound to its row
 *   and decrypts with that row's context; every stored personal value and keyed hash is in the
 *   current format (v3 under the current master key, `<kid>.<hex>` hashes), none legacy v1/v2;
 * - every household ID number decrypts, passes GB 11643 and matches its hash, self-query hash
 *   and masked parts; every phone decrypts and matches its mask and hash; no text column of
 *   any table holds a plain ID number or mobile number;
 * - counts: villages and households as in db/seed/data; batches in every state; open notice
 *   with an open objection; 四议两公开 decisions in every stage; feedback open and answered;
 * - coverage: the villages with a gap are exactly those whose `demoGap` says so;
 * - the demo `cadre` user acts as a cadre with an assignment, pairings and recent visits, and
 *   the demo `township` user's township has villages.
 */
import { verifyChain, type AuditContent } from "../../workers/lib/audit-chain.ts";
import { verifyLedger } from "../../workers/lib/ledger-chain.ts";
import { readNoticeContent } from "../../workers/notices/content.ts";
import { sha256Hex } from "../../workers/lib/bytes.ts";
import { decryptPiiAt, searchHash, selfQueryHash, type PiiKeys } from "../../workers/lib/pii-crypto.ts";
import { seedPiiKeys } from "./core/keys.ts";
import { idNumberSlot, phoneSlot as householdPhoneSlot } from "../../workers/households/service.ts";
import { phoneSlot as cadrePhoneSlot } from "../../workers/cadres/service.ts";
import { contactSlot as objectionContactSlot } from "../../workers/objections/service.ts";
import { contactSlot as feedbackContactSlot } from "../../workers/feedback/service.ts";
import { validateIdNumber, idNumberTail } from "../../workers/lib/id-number.ts";
import { maskPhone } from "../../workers/lib/mask.ts";
import { addDays, todayInChina } from "../../workers/lib/dates.ts";
import { DECISION_STAGES } from "../schema/tenant/disclosure.ts";
import { BATCH_STATUSES } from "../schema/tenant/money.ts";
import { PAIRING_KINDS } from "../schema/tenant/pairings.ts";
import type { SeedTenant } from "./core/types.ts";

export class CheckError extends Error {}
function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new CheckError(message);
}
function eqSet(a: Iterable<string>, b: Iterable<string>): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

async function all<T>(d1: D1Database, query: string, ...params: unknown[]): Promise<T[]> {
  return (
    await d1
      .prepare(query)
      .bind(...params)
      .all<T>()
  ).results;
}
async function one<T>(d1: D1Database, query: string, ...params: unknown[]): Promise<T> {
  const r = await d1
    .prepare(query)
    .bind(...params)
    .first<T>();
  if (r === null) throw new CheckError(`no row: ${query}`);
  return r;
}

const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
const ID_NUMBER =
  /(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;

export async function checkTenant(
  d1: D1Database,
  tenant: SeedTenant,
  masterKey: string,
  keySalt: string | null,
): Promise<Record<string, number>> {
  const data = tenant.data;
  const keys: PiiKeys = await seedPiiKeys({ tenant, piiMasterKey: masterKey, keySalt });
  const enc = `v3.${keys.kid}.`;
  assert(keys.kid !== null, "the tenant has no key_salt in the control catalog: the seed would write legacy values");
  const legacy = await one<{ n: number }>(d1, notCurrentFormatSql(keys.kid!));
  assert(legacy.n === 0, `${legacy.n} personal values or keyed hashes are not in the current format (v3.${keys.kid})`);
  const today = todayInChina();

  // ---------------------------------------------------------------- chains
  const audit = await all<AuditContent & { hash: string }>(
    d1,
    "SELECT seq, at, actor_id AS actorId, actor_name AS actorName, actor_role AS actorRole, action, entity, entity_id AS entityId, before, after, request_id AS requestId, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq",
  );
  const auditResult = await verifyChain(audit);
  assert(auditResult.firstBreak === null, `audit chain breaks at ${JSON.stringify(auditResult.firstBreak)}`);
  for (const m of ["users", "registry", "publications"])
    assert(
      audit.some((a) => a.action === "seed.demo" && a.entityId === m),
      `no seed.demo audit entry of ${m}`,
    );
  const ledger = await all<{
    seq: number;
    at: number;
    kind: string;
    ref: string;
    content: string;
    contentHash: string;
    prevHash: string;
    hash: string;
  }>(
    d1,
    "SELECT seq, at, kind, ref, content, content_hash AS contentHash, prev_hash AS prevHash, hash FROM ledger_entries ORDER BY seq",
  );
  const ledgerResult = await verifyLedger(ledger);
  assert(ledgerResult.ok, `ledger breaks at ${JSON.stringify(ledgerResult.firstBreak)}`);
  const notices = await all<{
    id: number;
    kind: string;
    subjectId: number;
    content: string;
    chunkCount: number;
    contentHash: string;
    ledgerSeq: number | null;
    status: string;
    startDate: string;
    endDate: string;
  }>(
    d1,
    "SELECT id, kind, subject_id AS subjectId, content, chunk_count AS chunkCount, content_hash AS contentHash, ledger_seq AS ledgerSeq, status, start_date AS startDate, end_date AS endDate FROM notices",
  );
  for (const n of notices) {
    assert(
      (await sha256Hex(await readNoticeContent(d1, n))) === n.contentHash,
      `notice ${n.id}: content hash mismatch`,
    );
    const e = ledger.find((l) => l.seq === n.ledgerSeq);
    assert(
      e &&
        e.kind === "notice.published" &&
        e.ref === `${n.kind}:${n.subjectId}` &&
        (JSON.parse(e.content) as { noticeContentHash: string }).noticeContentHash === n.contentHash,
      `notice ${n.id}: ledger entry ${n.ledgerSeq} does not publish it`,
    );
  }
  const stages = await all<{ id: number; stage: string; ledgerSeq: number | null; decisionId: number }>(
    d1,
    "SELECT id, stage, ledger_seq AS ledgerSeq, decision_id AS decisionId FROM decision_stages",
  );
  for (const s of stages.filter((x) => x.stage === "resolution_published" || x.stage === "result_published")) {
    const e = ledger.find((l) => l.seq === s.ledgerSeq);
    assert(
      e && e.kind === `village_decision.${s.stage}` && e.ref === `village_decision:${s.decisionId}`,
      `decision stage ${s.id}: no ledger entry`,
    );
  }

  // ---------------------------------------------------------------- money
  const budgets = await all<{
    programId: number;
    year: number;
    budgetFen: number;
    committedFen: number;
    paidFen: number;
    expCommitted: number;
    expPaid: number;
  }>(
    d1,
    `SELECT b.program_id AS programId, b.year, b.budget_fen AS budgetFen, b.committed_fen AS committedFen, b.paid_fen AS paidFen,
       (SELECT coalesce(sum(l.amount_fen), 0) FROM batch_lines l JOIN batches t ON t.id = l.batch_id WHERE t.program_id = b.program_id AND t.year = b.year AND t.status IN ('approved', 'paid', 'closed') AND l.status <> 'failed')
         - (SELECT coalesce(sum(r.amount_fen), 0) FROM reversals r JOIN batch_lines l ON l.id = r.line_id JOIN batches t ON t.id = l.batch_id WHERE t.program_id = b.program_id AND t.year = b.year) AS expCommitted,
       (SELECT coalesce(sum(l.amount_fen), 0) FROM batch_lines l JOIN batches t ON t.id = l.batch_id WHERE t.program_id = b.program_id AND t.year = b.year AND l.status = 'paid')
         - (SELECT coalesce(sum(r.amount_fen), 0) FROM reversals r JOIN batch_lines l ON l.id = r.line_id JOIN batches t ON t.id = l.batch_id WHERE t.program_id = b.program_id AND t.year = b.year) AS expPaid
     FROM budgets b`,
  );
  for (const b of budgets) {
    assert(
      b.committedFen === b.expCommitted && b.paidFen === b.expPaid,
      `budget ${b.programId}/${b.year}: committed ${b.committedFen} paid ${b.paidFen}, lines imply ${b.expCommitted} / ${b.expPaid}`,
    );
    assert(b.committedFen <= b.budgetFen, `budget ${b.programId}/${b.year} exceeded`);
  }
  const totals = await all<{ id: number }>(
    d1,
    "SELECT b.id FROM batches b WHERE b.total_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM batch_lines WHERE batch_id = b.id) OR b.line_count <> (SELECT count(*) FROM batch_lines WHERE batch_id = b.id)",
  );
  assert(totals.length === 0, `batch totals differ from lines: ${totals.map((t) => t.id).join(", ")}`);
  const claims = await all<{ k: string }>(
    d1,
    "SELECT program_id || '/' || period || '/' || recipient_kind || '/' || recipient_id || '/' || line_id AS k FROM payment_claims",
  );
  const liveLines = await all<{ k: string }>(
    d1,
    `SELECT l.program_id || '/' || l.period || '/' || l.recipient_kind || '/' || l.recipient_id || '/' || l.id AS k FROM batch_lines l JOIN batches b ON b.id = l.batch_id JOIN programs p ON p.id = l.program_id
     WHERE p.allow_repeat = 0 AND b.status <> 'cancelled' AND l.status <> 'failed' AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.line_id = l.id)`,
  );
  assert(
    eqSet(
      claims.map((c) => c.k),
      liveLines.map((l) => l.k),
    ),
    "payment claims differ from the live lines of no-repeat programs",
  );
  // A program with post rates pays only the posts it rates (workers/village-cadres/pay.ts).
  const unrated = await one<{ n: number }>(
    d1,
    `SELECT count(*) AS n FROM batch_lines l JOIN village_officials o ON o.id = l.recipient_id
     WHERE l.recipient_kind = 'village_official'
       AND EXISTS (SELECT 1 FROM village_official_pay_rates r WHERE r.program_id = l.program_id)
       AND NOT EXISTS (SELECT 1 FROM village_official_pay_rates r WHERE r.program_id = l.program_id AND r.post = o.post)`,
  );
  assert(unrated.n === 0, `${unrated.n} village cadre lines pay a post their program does not rate`);
  const statuses = new Set(
    (await all<{ status: string }>(d1, "SELECT DISTINCT status FROM batches")).map((s) => s.status),
  );
  for (const s of BATCH_STATUSES) assert(statuses.has(s), `no batch in state ${s}`);
  const failedRepaid = await one<{ n: number }>(
    d1,
    "SELECT count(*) AS n FROM batch_lines f WHERE f.status = 'failed' AND EXISTS (SELECT 1 FROM batch_lines r WHERE r.repays_line_id = f.id AND r.status = 'paid' AND r.batch_id > f.batch_id)",
  );
  assert(failedRepaid.n >= 1, "no failed line re-paid in a later batch");
  assert((await one<{ n: number }>(d1, "SELECT count(*) AS n FROM reversals")).n >= 1, "no reversal");
  const open = notices.filter((n) => n.status === "open" && n.startDate <= today && today <= n.endDate);
  assert(open.length >= 1, "no open notice");
  assert(
    (
      await one<{ n: number }>(
        d1,
        `SELECT count(*) AS n FROM objections o JOIN notices n ON n.id = o.notice_id WHERE o.status = 'open' AND n.status = 'open' AND n.kind = 'batch' AND n.end_date >= ?`,
        today,
      )
    ).n >= 1,
    "no open objection on an open batch notice",
  );
  const openBatch = await one<{ n: number }>(
    d1,
    "SELECT count(*) AS n FROM batches WHERE status = 'noticed' AND notice_start <= ?1 AND notice_end >= ?1",
    today,
  );
  assert(openBatch.n >= 1, "the noticed batch's notice is not open today");
  assert(
    (
      await one<{ n: number }>(
        d1,
        "SELECT count(*) AS n FROM batches WHERE status IN ('approved', 'paid', 'closed') AND notice_end >= ?",
        today,
      )
    ).n === 0,
    "an approved batch's notice has not ended yet",
  );
  const decisions = new Set(
    (await all<{ status: string }>(d1, "SELECT DISTINCT status FROM household_decisions")).map((d) => d.status),
  );
  assert(
    decisions.has("noticed") && decisions.has("effective"),
    "household decisions: need one open and one effective",
  );
  assert(
    (
      await one<{ n: number }>(
        d1,
        "SELECT count(*) AS n FROM household_decisions d JOIN households h ON h.id = d.household_id WHERE d.status = 'effective' AND h.status <> d.to_status",
      )
    ).n === 0,
    "an effective decision did not change its household",
  );

  // ---------------------------------------------------------------- disclosure
  const reached = new Set(
    (await all<{ stage: string }>(d1, "SELECT DISTINCT stage FROM village_decisions")).map((s) => s.stage),
  );
  for (const s of DECISION_STAGES) assert(reached.has(s), `no 四议两公开 decision in stage ${s}`);
  const badStages = await all<{ id: number }>(
    d1,
    "SELECT d.id FROM village_decisions d WHERE NOT EXISTS (SELECT 1 FROM decision_stages s WHERE s.decision_id = d.id AND s.stage = d.stage)",
  );
  assert(badStages.length === 0, "decision without a row for its stage");
  assert(
    (
      await one<{ n: number }>(
        d1,
        "SELECT count(*) AS n FROM decision_stages WHERE stage IN ('discussed', 'reviewed', 'resolved') AND (attendees IS NULL OR votes_for IS NULL OR attendees > eligible OR votes_for + votes_against + votes_abstain > attendees)",
      )
    ).n === 0,
    "meeting without consistent attendance and votes",
  );
  const fb = new Set((await all<{ status: string }>(d1, "SELECT DISTINCT status FROM feedback")).map((s) => s.status));
  assert(fb.has("open") && fb.has("answered"), "feedback: need open and answered");
  assert((await one<{ n: number }>(d1, "SELECT count(*) AS n FROM projects")).n > 0, "no projects");

  // ---------------------------------------------------------------- personal data
  const households = await all<{
    id: number;
    headName: string;
    idEnc: string;
    idHash: string;
    sq: string;
    first4: string;
    last4: string;
    phoneEnc: string | null;
    phoneHash: string | null;
    phoneMasked: string | null;
    code: string;
  }>(
    d1,
    "SELECT h.id, h.head_name AS headName, h.id_number_enc AS idEnc, h.id_number_hash AS idHash, h.self_query_hash AS sq, h.id_number_first4 AS first4, h.id_number_last4 AS last4, h.phone_enc AS phoneEnc, h.phone_hash AS phoneHash, h.phone_masked AS phoneMasked, v.code FROM households h JOIN villages v ON v.id = h.village_id",
  );
  for (const h of households) {
    assert(h.idEnc.startsWith(enc), `household ${h.id}: ID number is not bound to its row under the current key`);
    const id = await decryptPiiAt(keys, h.idEnc, idNumberSlot(h.id));
    const v = validateIdNumber(id);
    assert(v.ok, `household ${h.id}: invalid ID number (${v.ok ? "" : v.message})`);
    assert(id.startsWith(h.code.slice(0, 6)), `household ${h.id}: ID region is not its county`);
    assert(
      h.idHash === (await searchHash(keys, id)) &&
        h.sq === (await selfQueryHash(keys, h.headName, idNumberTail(id, 6))),
      `household ${h.id}: hashes do not match`,
    );
    assert(h.first4 === id.slice(0, 4) && h.last4 === id.slice(-4), `household ${h.id}: masked parts do not match`);
    if (h.phoneEnc) {
      const phone = await decryptPiiAt(keys, h.phoneEnc, householdPhoneSlot(h.id));
      assert(
        h.phoneMasked === maskPhone(phone) && h.phoneHash === (await searchHash(keys, phone)),
        `household ${h.id}: phone columns do not match`,
      );
    }
  }
  for (const c of await all<{ id: number; phoneEnc: string | null; phoneMasked: string | null }>(
    d1,
    "SELECT id, phone_enc AS phoneEnc, phone_masked AS phoneMasked FROM cadres",
  )) {
    if (c.phoneEnc)
      assert(
        maskPhone(await decryptPiiAt(keys, c.phoneEnc, cadrePhoneSlot(c.id))) === c.phoneMasked,
        `cadre ${c.id}: phone does not decrypt to its mask`,
      );
  }
  // Contacts of objections and feedback decrypt only in their own rows (row-bound, v3).
  for (const [table, slot] of [
    ["objections", objectionContactSlot],
    ["feedback", feedbackContactSlot],
  ] as const) {
    for (const r of await all<{ id: number; enc: string }>(
      d1,
      `SELECT id, contact_enc AS enc FROM ${table} WHERE contact_enc IS NOT NULL`,
    )) {
      assert(r.enc.startsWith(enc), `${table} ${r.id}: contact is not bound to its row under the current key`);
      assert(
        /^1\d{10}$/.test(await decryptPiiAt(keys, r.enc, slot(r.id))),
        `${table} ${r.id}: contact does not decrypt`,
      );
    }
  }
  const tables = await all<{ name: string }>(
    d1,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  );
  let scanned = 0;
  for (const t of tables) {
    const rows = await all<Record<string, unknown>>(d1, `SELECT * FROM "${t.name}"`);
    for (const row of rows) {
      for (const [col, value] of Object.entries(row)) {
        if (typeof value !== "string") continue;
        scanned++;
        assert(!ID_NUMBER.test(value), `${t.name}.${col}: a plain ID number`);
        assert(!MOBILE.test(value), `${t.name}.${col}: a plain mobile number (${value.slice(0, 60)})`);
      }
    }
  }

  // ---------------------------------------------------------------- counts
  const counts = await one<Record<string, number>>(
    d1,
    `SELECT (SELECT count(*) FROM villages) AS villages, (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM cadres) AS cadres,
      (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM assignments) AS assignments, (SELECT count(*) FROM pairings) AS pairings,
      (SELECT count(*) FROM visits) AS visits, (SELECT count(*) FROM batches) AS batches, (SELECT count(*) FROM batch_lines) AS lines,
      (SELECT count(*) FROM notices) AS notices, (SELECT count(*) FROM ledger_entries) AS ledger, (SELECT count(*) FROM audit_log) AS audit`,
  );
  assert(counts.villages === data.villages.length, `villages: ${counts.villages}, data has ${data.villages.length}`);
  assert(counts.households === data.villages.reduce((s, v) => s + v.households, 0), "households differ from the data");
  assert(
    (await one<{ n: number }>(d1, "SELECT count(*) AS n FROM townships")).n === data.townships.length,
    "townships differ from the data",
  );
  assert(
    (await one<{ n: number }>(d1, "SELECT count(*) AS n FROM counties")).n === (data.counties?.length ?? 0),
    "counties differ from the data",
  );
  const kinds = new Set((await all<{ kind: string }>(d1, "SELECT DISTINCT kind FROM pairings")).map((k) => k.kind));
  for (const k of PAIRING_KINDS)
    if (k !== "village_village" || data.villages.some((v) => v.strongPartnerCode))
      assert(kinds.has(k), `no ${k} pairing`);

  // ---------------------------------------------------------------- coverage gaps = demoGap
  const settings = Object.fromEntries(
    (await all<{ key: string; value: string }>(d1, "SELECT key, value FROM settings")).map((s) => [
      s.key,
      Number(s.value),
    ]),
  );
  const cap = settings.householdCapPerCadre ?? 5;
  const min = settings.minResidentMembers ?? 3;
  const gapVillages = (g: string) => data.villages.filter((v) => v.demoGap === g).map((v) => v.code);
  const POOR = "EXISTS (SELECT 1 FROM json_each(v.tags) WHERE value IN ('poor', 'deeply_poor'))";
  const noFs = await all<{ code: string }>(
    d1,
    `SELECT v.code FROM villages v WHERE ${POOR} AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.village_id = v.id AND a.role = 'first_secretary' AND a.status = 'active')`,
  );
  assert(
    eqSet(
      noFs.map((r) => r.code),
      gapVillages("no_first_secretary"),
    ),
    `villages without first secretary: ${noFs.map((r) => r.code).join(", ")}`,
  );
  const few = await all<{ code: string }>(
    d1,
    `SELECT v.code FROM villages v LEFT JOIN (SELECT village_id, count(*) AS n FROM assignments WHERE status = 'active' GROUP BY village_id) r ON r.village_id = v.id WHERE coalesce(r.n, 0) < ? AND (r.n > 0 OR ${POOR})`,
    min,
  );
  assert(
    eqSet(
      few.map((r) => r.code),
      gapVillages("too_few_residents"),
    ),
    `villages with too few residents: ${few.map((r) => r.code).join(", ")}`,
  );
  const unpaired = await all<{ code: string }>(
    d1,
    "SELECT v.code FROM households h JOIN villages v ON v.id = h.village_id WHERE h.status IN ('poor', 'monitored') AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND p.kind = 'cadre_household' AND p.status = 'active')",
  );
  assert(
    eqSet(
      unpaired.map((r) => r.code),
      gapVillages("household_without_responsible"),
    ),
    `villages with unpaired households: ${[...new Set(unpaired.map((r) => r.code))].join(", ")}`,
  );
  const over = await all<{ code: string }>(
    d1,
    "SELECT DISTINCT v.code FROM pairings p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id WHERE p.kind = 'cadre_household' AND p.status = 'active' AND p.helper_cadre_id IN (SELECT helper_cadre_id FROM pairings WHERE kind = 'cadre_household' AND status = 'active' GROUP BY helper_cadre_id HAVING count(*) > ?)",
    cap,
  );
  assert(
    eqSet(
      over.map((r) => r.code),
      gapVillages("cadre_over_cap"),
    ),
    `villages of over-cap cadres: ${over.map((r) => r.code).join(", ")}`,
  );
  const stale = await one<{ n: number }>(
    d1,
    `SELECT count(*) AS n FROM cadres c WHERE c.id IN (SELECT cadre_id FROM assignments WHERE status = 'active' UNION SELECT helper_cadre_id FROM pairings WHERE kind = 'cadre_household' AND status = 'active')
       AND NOT EXISTS (SELECT 1 FROM visits WHERE cadre_id = c.id AND visit_date >= ?)`,
    addDays(today, -30),
  );
  assert(stale.n >= 1 && stale.n <= 5, `cadres without a recent visit: ${stale.n} (expected a few)`);
  for (const v of data.villages.filter((x) => x.demoGap === "no_strong_village_pair")) {
    assert(
      (
        await one<{ n: number }>(
          d1,
          "SELECT count(*) AS n FROM pairings p JOIN villages v ON v.id = p.village_id WHERE p.kind = 'village_village' AND p.status = 'active' AND v.code = ?",
          v.code,
        )
      ).n === 0,
      `${v.name} has a strong partner village`,
    );
  }

  // ---------------------------------------------------------------- demo users
  const cadreUser = await one<{ cadreId: number | null }>(
    d1,
    "SELECT cadre_id AS cadreId FROM users WHERE username = 'cadre'",
  );
  assert(cadreUser.cadreId !== null, "demo cadre user not linked to a cadre");
  const mine = await one<{ a: number; p: number; v: number }>(
    d1,
    "SELECT (SELECT count(*) FROM assignments WHERE cadre_id = ?1 AND status = 'active') AS a, (SELECT count(*) FROM pairings WHERE helper_cadre_id = ?1 AND status = 'active') AS p, (SELECT count(*) FROM visits WHERE cadre_id = ?1 AND visit_date >= ?2) AS v",
    cadreUser.cadreId,
    addDays(today, -30),
  );
  assert(mine.a >= 1 && mine.p >= 1 && mine.v >= 1, `demo cadre: ${JSON.stringify(mine)}`);
  const township = await one<{ n: number }>(
    d1,
    "SELECT count(*) AS n FROM users u JOIN villages v ON v.township_code = u.township_code WHERE u.username = 'township'",
  );
  assert(township.n >= 1, "demo township officer's township has no villages");

  return { ...counts, scannedTextCells: scanned, staleCadres: stale.n };
}

/**
 * Counts the encrypted values and keyed hashes not written under master key `kid` in the current
 * format, over every column the re-encryption job rewrites (workers/pii-rotation/columns.ts).
 */
export function notCurrentFormatSql(kid: string): string {
  const enc = `'v3.${kid}.%'`;
  const hash = `'${kid}.%'`;
  const cols: [string, string, "enc" | "hash"][] = [
    ["households", "id_number_enc", "enc"],
    ["households", "id_number_hash", "hash"],
    ["households", "self_query_hash", "hash"],
    ["households", "phone_enc", "enc"],
    ["households", "phone_hash", "hash"],
    ["cadres", "phone_enc", "enc"],
    ["cadres", "phone_hash", "hash"],
    ["objections", "contact_enc", "enc"],
    ["feedback", "contact_enc", "enc"],
    ["csv_imports", "content", "enc"],
    ["review_ballots", "code_enc", "enc"],
    ["review_ballots", "code_hash", "hash"],
    ["village_officials", "id_number_enc", "enc"],
    ["village_officials", "id_number_hash", "hash"],
  ];
  const parts = cols.map(
    ([t, c, kind]) =>
      `(SELECT count(*) FROM ${t} WHERE ${c} IS NOT NULL AND ${c} <> '' AND ${c} NOT LIKE ${kind === "enc" ? enc : hash})`,
  );
  return `SELECT ${parts.join(" + ")} AS n`;
}
