import { and, eq, sql } from "drizzle-orm";
import { batches, type RecipientKind } from "../../db/schema/tenant/money.ts";
import type { ImportDefinition } from "../imports/definition.ts";
import { AppError } from "../platform/errors/app-error.ts";

import { searchHashes, type PiiKeys } from "../lib/pii-crypto.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { parseYuanToFen } from "../lib/money.ts";
import { RECIPIENT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import { getProgram, type ProgramRow } from "../programs/service.ts";
import { lineAmount } from "./amount.ts";
import { bulkLineStatements, checkConfirmedDays, claimedIds } from "./lines.ts";
import { type ConfirmedDays, confirmedDays } from "./recipients.ts";
import { getBatch } from "./queries.ts";
import { findPerson, lookupPeople, type PeoplePrep, preparePeople, rosterRefusals } from "./lines-import-people.ts";
import { programAtPostRate } from "../village-cadres/pay.ts";

/**
 * 发放明细 from a CSV, into one draft batch ("batch_lines:<batchId>"). Each row names a recipient
 * by what officials have at hand: a household by the head's ID number (looked up by its keyed
 * hash, never decrypted), a cadre by its number in Bangfu (干部编号), a village by its 12-digit
 * code, a village cadre or party member by an ID number (./lines-import-people.ts). Amounts
 * follow the program's rule exactly as a form line does (`lineAmount`); the one-per-period rule is
 * checked against earlier batches and within the file. All or nothing.
 */
type Key = "kind" | "idNumber" | "cadreNo" | "villageCode" | "name" | "amount" | "quantity" | "honoured" | "purpose";

export interface ImportedLine {
  programId: number;
  period: string;
  kind: RecipientKind;
  id: number;
  name: string;
  villageId: number | null;
  amountFen: number;
  quantity: number | null;
  honoured: boolean;
  purpose: string;
  daysConfirmedBy: string | null;
  daysConfirmedAt: number | null;
}

interface Found {
  id: number;
  name: string;
  villageId: number | null;
}

interface Prep {
  batchId: number;
  period: string;
  program: ProgramRow;
  keys: PiiKeys | null;
  /** ID-number hash → household; cadre id → cadre; village code → village (only those the file names). */
  householdsByHash: Map<string, Found>;
  cadresById: Map<number, Found>;
  villagesByCode: Map<string, Found>;
  /** Recipient id → batch id that already holds this program-period's claim. */
  claimed: Map<number, { batchId: number; period: string }>;
  /** ID number → its keyed hash, computed once per file in `lookup`. */
  /** ID number → its hashes under every key of the ring (rows not yet re-encrypted keep an older one). */
  hashOf: Map<string, string[]>;
  /** Recipient id → first row of this file naming it. */
  seen: Map<number, number>;
  /** Cadre id → resident days of the period (per-day programs only). */
  confirmedDays: Map<number, ConfirmedDays>;
  /** Village cadres and party members the file names, and the roster's pay basis. */
  people: PeoplePrep;
}

const KIND_BY_LABEL = new Map<string, RecipientKind>([
  ...Object.entries(RECIPIENT_KIND_LABELS).map(([k, v]) => [v, k as RecipientKind] as const),
  ["household", "household"],
  ["cadre", "cadre"],
  ["village", "village"],
  ["village_official", "village_official"],
  ["party_member", "party_member"],
  ["村两委", "village_official"],
  ["贫困户", "household"],
  ["户", "household"],
  ["社区", "village"],
]);
const YES = new Set(["是", "y", "yes", "1", "true", "享受", "√"]);
const NO = new Set(["", "否", "n", "no", "0", "false", "不享受"]);

const COL = {
  kind: "对象类型",
  idNumber: "身份证号",
  cadreNo: "干部编号",
  villageCode: "村代码",
  name: "对象名称",
  amount: "金额（元）",
  quantity: "天数/月数",
  honoured: "是否享受上浮",
  purpose: "用途",
} as const;

/** A county's whole payroll of one program and period fits one file. */
export const MAX_BATCH_LINES_ROWS = 100_000;

export const batchLinesImport: ImportDefinition<Key, ImportedLine, Prep> = {
  entity: "batch_lines",
  label: "发放明细",
  permission: "batches.manage",
  targeted: true,
  listPath: (target) => `/batches/${Number(target) || ""}`,
  columns: [
    { key: "kind", header: COL.kind, aliases: ["发放对象类型", "类型"], required: false },
    { key: "idNumber", header: COL.idNumber, aliases: ["身份证号码", "户主身份证号", "证件号码"], required: false },
    { key: "cadreNo", header: COL.cadreNo, aliases: ["干部ID", "对象编号"], required: false },
    { key: "villageCode", header: COL.villageCode, aliases: ["村级区划代码", "区划代码"], required: false },
    { key: "name", header: COL.name, aliases: ["姓名", "户主姓名", "名称"], required: false },
    { key: "amount", header: COL.amount, aliases: ["金额", "金额(元)", "发放金额"], required: false },
    { key: "quantity", header: COL.quantity, aliases: ["天数", "月数", "数量"], required: false },
    { key: "honoured", header: COL.honoured, aliases: ["上浮", "享受上浮"], required: false },
    { key: "purpose", header: COL.purpose, aliases: ["摘要"], required: false },
  ],
  example: [
    ["农户", "510112199001011234", "", "", "张三明", "3000", "", "否", "产业扶持"],
    ["干部", "", "12", "", "王建国", "", "22", "否", "驻村生活补助"],
    ["村干部", "620403197002021236", "", "", "李明", "", "", "", "村干部基本报酬"],
    ["党员", "511702196805051233", "", "", "赵大山", "", "", "", "党内关爱帮扶"],
  ],

  async prepare(c, target) {
    const batchId = Number(target);
    if (!Number.isSafeInteger(batchId) || batchId < 1) throw new AppError("not_found", "没有这个发放批次");
    const batch = await getBatch(c, batchId);
    if (batch.status !== "draft") throw new AppError("conflict", "只有草稿状态的批次可以导入明细");
    const program = await getProgram(c, batch.programId);
    const kind = program.recipientKind;
    const prep: Prep = {
      batchId,
      period: batch.period,
      program,
      keys: null,
      householdsByHash: new Map(),
      cadresById: new Map(),
      villagesByCode: new Map(),
      hashOf: new Map(),
      claimed: new Map(),
      seen: new Map(),
      confirmedDays:
        program.ruleKind === "per_resident_day" && kind === "cadre" ? await confirmedDays(c, batch.period) : new Map(),
      people: await preparePeople(c, program, batch.period),
    };
    if (kind === "household" || kind === "village_official" || kind === "party_member") prep.keys = await c.piiKeys();
    if (!program.allowRepeat)
      for (const [id, claim] of await claimedIds(c, program.id, batch.period, kind)) prep.claimed.set(id, claim);
    return prep;
  },

  // Only the recipients the file names, by their keys, in a few JSON-parameter queries.
  async lookup(c, prep, rows) {
    const kind = prep.program.recipientKind;
    // Called per slice of the file: the previous slice's recipients are no longer needed (one
    // claim per recipient across slices is kept by `seen`, not by these maps).
    prep.householdsByHash.clear();
    prep.cadresById.clear();
    prep.villagesByCode.clear();
    prep.hashOf.clear();
    const named = (v: Record<Key, string>) => !v.kind || KIND_BY_LABEL.get(v.kind.toLowerCase()) === kind;
    if (kind === "household" || kind === "village_official" || kind === "party_member") {
      const hashes = new Set<string>();
      for (const v of rows) {
        if (!named(v)) continue;
        const id = validateIdNumber(v.idNumber);
        if (!id.ok || prep.hashOf.has(id.value)) continue;
        const all = await searchHashes(prep.keys!, id.value);
        prep.hashOf.set(id.value, all);
        for (const hash of all) hashes.add(hash);
      }
      if (kind !== "household") return lookupPeople(c.d1, kind, [...hashes], prep.people, byKeys);
      for (const h of await byKeys<Found & { hash: string }>(
        c.d1,
        `SELECT id, head_name AS name, village_id AS villageId, id_number_hash AS hash FROM households
         WHERE id_number_hash IN (SELECT value FROM json_each(?))`,
        [...hashes],
      ))
        prep.householdsByHash.set(h.hash, h);
    } else if (kind === "cadre") {
      const ids = new Set<number>();
      for (const v of rows) if (named(v) && /^\d{1,9}$/.test(v.cadreNo)) ids.add(Number(v.cadreNo));
      for (const r of await byKeys<Found>(
        c.d1,
        `SELECT c.id, c.name, (SELECT village_id FROM assignments a WHERE a.cadre_id = c.id AND a.status = 'active'
           ORDER BY a.id LIMIT 1) AS villageId
         FROM cadres c WHERE c.id IN (SELECT value FROM json_each(?))`,
        [...ids],
      ))
        prep.cadresById.set(r.id, r);
    } else if (kind === "village") {
      const codes = new Set<string>();
      for (const v of rows) if (named(v) && v.villageCode) codes.add(v.villageCode.replace(/\s/g, ""));
      for (const r of await byKeys<{ id: number; name: string; code: string }>(
        c.d1,
        "SELECT id, name, code FROM villages WHERE code IN (SELECT value FROM json_each(?))",
        [...codes],
      ))
        prep.villagesByCode.set(r.code, { id: r.id, name: r.name, villageId: r.id });
    }
  },

  async validate(v, prep, _c, row) {
    const errors: { column: string; message: string }[] = [];
    const p = prep.program;
    const kind = v.kind ? KIND_BY_LABEL.get(v.kind.toLowerCase()) : p.recipientKind;
    if (!kind)
      return {
        ok: false,
        errors: [{ column: COL.kind, message: `未知的对象类型“${v.kind}”，可填：农户、干部、村、村干部、党员` }],
      };
    if (kind !== p.recipientKind)
      return {
        ok: false,
        errors: [
          {
            column: COL.kind,
            message: `本项目的发放对象是${RECIPIENT_KIND_LABELS[p.recipientKind]}，不能发给${RECIPIENT_KIND_LABELS[kind]}`,
          },
        ],
      };

    let found: Found | undefined;
    let official: Parameters<typeof rosterRefusals>[0] | undefined;
    if (kind === "village_official" || kind === "party_member") {
      const id = validateIdNumber(v.idNumber);
      if (!id.ok) errors.push({ column: COL.idNumber, message: id.message });
      else {
        const all = prep.hashOf.get(id.value) ?? (await searchHashes(prep.keys!, id.value));
        const person = findPerson(kind, all, v.name, p, prep.period, prep.people);
        if ("refusal" in person) errors.push({ column: COL[person.refusal.column], message: person.refusal.message });
        else ({ found, official } = person);
      }
    } else if (kind === "household") {
      const id = validateIdNumber(v.idNumber);
      if (!id.ok) errors.push({ column: COL.idNumber, message: id.message });
      else {
        const all = prep.hashOf.get(id.value) ?? (await searchHashes(prep.keys!, id.value));
        found = all.map((h) => prep.householdsByHash.get(h)).find((f) => f !== undefined);
        if (!found) errors.push({ column: COL.idNumber, message: "本地区没有以此身份证号登记的农户（户主）" });
      }
    } else if (kind === "cadre") {
      const no = Number(v.cadreNo);
      if (!v.cadreNo) errors.push({ column: COL.cadreNo, message: "请填写干部编号" });
      else {
        found = /^\d{1,9}$/.test(v.cadreNo) ? prep.cadresById.get(no) : undefined;
        if (!found) errors.push({ column: COL.cadreNo, message: `没有编号为 ${v.cadreNo} 的干部` });
      }
    } else if (kind === "village") {
      const code = v.villageCode.replace(/\s/g, "");
      if (!code) errors.push({ column: COL.villageCode, message: "请填写 12 位村级区划代码" });
      else {
        found = prep.villagesByCode.get(code);
        if (!found) errors.push({ column: COL.villageCode, message: `本地区没有代码为 ${code} 的村` });
      }
    } else {
      // Projects have no key a file could name; their lines are added one by one.
      errors.push({ column: COL.kind, message: `${RECIPIENT_KIND_LABELS[kind]}类对象暂不支持导入，请逐笔添加` });
    }
    if (found && v.name && v.name.replace(/\s/g, "") !== found.name.replace(/\s/g, "")) {
      errors.push({ column: COL.name, message: `与登记的名称“${found.name}”不符，请核对是否填错了行` });
    }
    const keyColumn = kind === "cadre" ? COL.cadreNo : kind === "village" ? COL.villageCode : COL.idNumber;
    if (found) {
      const first = prep.seen.get(found.id);
      const other = prep.claimed.get(found.id);
      if (first !== undefined && !p.allowRepeat)
        errors.push({
          column: keyColumn,
          message: `与文件第 ${first} 行是同一对象，每期只能发放一次`,
        });
      else if (other !== undefined)
        errors.push({
          column: keyColumn,
          message:
            other.batchId === prep.batchId
              ? "该对象已在本批次中"
              : other.period === prep.period
                ? `该对象在本项目 ${prep.period} 期已列入批次 #${other.batchId}，每期只能发放一次`
                : `该对象在本项目 ${other.period} 期（月份与 ${prep.period} 重叠）已列入批次 #${other.batchId}，同一月份只能发放一次`,
        });
    }

    let amountFen: number | undefined;
    if (v.amount) {
      const fen = parseYuanToFen(v.amount);
      if (!fen.ok) errors.push({ column: COL.amount, message: fen.message });
      else amountFen = fen.fen;
    }
    let quantity: number | undefined;
    if (v.quantity) {
      if (!/^\d{1,3}$/.test(v.quantity) || Number(v.quantity) < 1 || Number(v.quantity) > 366)
        errors.push({ column: COL.quantity, message: "天数/月数应为 1–366 的整数" });
      else quantity = Number(v.quantity);
    }
    const h = v.honoured.toLowerCase();
    if (!YES.has(h) && !NO.has(h)) errors.push({ column: COL.honoured, message: "是否享受上浮请填“是”或“否”" });
    if (v.purpose.length > 80) errors.push({ column: COL.purpose, message: "用途最多 80 个字" });

    // Per-day lines for cadres pay confirmed resident days only (same rule as the form).
    let days: { quantity: number; confirmedBy: string | null; confirmedAt: number | null } | null = null;
    if (
      p.ruleKind === "per_resident_day" &&
      kind === "cadre" &&
      found &&
      !errors.some((e) => e.column === COL.quantity)
    )
      try {
        days = checkConfirmedDays(found.name, prep.period, prep.confirmedDays.get(found.id), quantity);
        quantity = days.quantity;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errors.push({ column: COL.quantity, message: err.message });
      }
    // A village cadre's line is priced from the roster (post rate, months or years, honours).
    if (official)
      for (const r of rosterRefusals(official, quantity, YES.has(h)))
        errors.push({ column: COL[r.column], message: r.message });
    const honoured = official ? official.honoured : YES.has(h);
    let amount: { amountFen: number; quantity: number | null } | undefined;
    if (!errors.some((e) => e.column === COL.amount || e.column === COL.quantity)) {
      try {
        amount = official
          ? lineAmount(programAtPostRate(p, official.rateFen), prep.period, {
              amountFen,
              quantity: official.quantity,
              honoured,
            })
          : lineAmount(p, prep.period, { amountFen, quantity, honoured });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const field = err.fields[0]?.field;
        errors.push({ column: field === "quantity" ? COL.quantity : COL.amount, message: err.message });
      }
    }
    if (errors.length > 0 || !found || !amount) return { ok: false, errors };
    if (!p.allowRepeat) prep.seen.set(found.id, row);
    return {
      ok: true,
      value: {
        programId: p.id,
        period: prep.period,
        kind,
        id: found.id,
        name: found.name,
        villageId: found.villageId,
        ...amount,
        honoured,
        purpose: v.purpose || p.name,
        daysConfirmedBy: days?.confirmedBy ?? null,
        daysConfirmedAt: days?.confirmedAt ?? null,
      },
    };
  },

  statements(c, rows, prep) {
    return bulkLineStatements(c.d1, prep.batchId, prep.program.allowRepeat, rows);
  },

  guards(c, prep) {
    return [
      {
        item: c.db
          .update(batches)
          .set({ updatedAt: sql`unixepoch()` })
          .where(and(eq(batches.id, prep.batchId), eq(batches.status, "draft"))),
        message: "只有草稿状态的批次可以导入明细",
      },
    ];
  },

  summary: (rows) => ({ lines: rows.length, totalFen: rows.reduce((s, r) => s + r.amountFen, 0) }),
  maxRows: MAX_BATCH_LINES_ROWS,
};

/** Keys per lookup query: one JSON parameter of at most a few hundred KB. */
const KEYS_PER_QUERY = 5000;

async function byKeys<T>(d1: D1Database, sql: string, keys: readonly (string | number)[]): Promise<T[]> {
  const parts: Promise<D1Result<T>>[] = [];
  // Sent together: a file of 100,000 keys waits for one round trip, not twenty in a row.
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY)
    parts.push(
      d1
        .prepare(sql)
        .bind(JSON.stringify(keys.slice(i, i + KEYS_PER_QUERY)))
        .all<T>(),
    );
  return (await Promise.all(parts)).flatMap((r) => r.results);
}
