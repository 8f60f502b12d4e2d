/**
 * Helpers shared by the demo-data modules: bulk inserts that D1 accepts, explicit ids, dates
 * relative to today (Asia/Shanghai), deterministic random people and numbers, and the
 * publication ledger chain. No database reads except `nextIds` / `ledgerHead`.
 */
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { ledgerContentHash, ledgerHash, GENESIS_HASH } from "../../../workers/lib/ledger-chain.ts";
import { canonicalJson } from "../../../workers/lib/canonical-json.ts";
import { addDays, todayInChina } from "../../../workers/lib/dates.ts";
import { makeIdNumber } from "../../../workers/lib/id-number.ts";
import { intBetween, pick, type Rng } from "../data/names.ts";
import type { SeedContext } from "../core/types.ts";

export type Item = BatchItem<"sqlite">;
export type Cell = string | number | boolean | null | readonly unknown[];
export type Row = Record<string, Cell>;

/** Keeps one statement under D1's 100 KB SQL length limit (UTF-8 bytes). */
const MAX_SQL_BYTES = 90 * 1024;
const utf8 = new TextEncoder();

/**
 * Rows of one table as `INSERT … SELECT json_extract(value, '$[i]') … FROM json_each('<json>')`
 * statements (the workers/lib/bulk-insert.ts pattern), so a few statements carry thousands of
 * rows. The JSON is an escaped SQL literal rather than a bound parameter because drizzle's D1
 * batch cannot bind parameters of raw `db.run(sql)` items (commitSeed batches drizzle items).
 * Columns are the snake_case keys of the first row; JSON columns (arrays) are stored as their
 * JSON text; booleans become 1/0.
 */
export function bulk(ctx: Pick<SeedContext, "db">, table: string, rows: readonly Row[]): Item[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  if (!/^[a-z_]+$/.test(table) || columns.some((c) => !/^[a-z_0-9]+$/.test(c)))
    throw new Error(`bulk: bad identifier in ${table}`);
  const select = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  const head = `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM json_each(`;
  const items: Item[] = [];
  let chunk: string[] = [];
  let bytes = utf8.encode(head).length + 10;
  const flush = () => {
    if (chunk.length === 0) return;
    const literal = `'[${chunk.join(",")}]'`;
    items.push(ctx.db.run(sql.raw(`${head}${literal})`)));
    chunk = [];
    bytes = utf8.encode(head).length + 10;
  };
  for (const row of rows) {
    const values = columns.map((c) => {
      if (!(c in row)) throw new Error(`bulk: row of ${table} lacks ${c}`);
      const v = row[c]!;
      return Array.isArray(v) ? JSON.stringify(v) : typeof v === "boolean" ? (v ? 1 : 0) : v;
    });
    const json = JSON.stringify(values).replace(/'/g, "''");
    const size = utf8.encode(json).length + 1;
    if (bytes + size > MAX_SQL_BYTES) flush();
    chunk.push(json);
    bytes += size;
  }
  flush();
  return items;
}

/** The next free id of each table (explicit ids let one batch refer to rows it inserts). */
export async function nextIds<T extends string>(
  ctx: SeedContext,
  tables: readonly T[],
): Promise<Record<T, () => number>> {
  const out = {} as Record<T, () => number>;
  for (const t of tables) {
    const row = await ctx.d1.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${t}`).first<{ m: number }>();
    let next = (row?.m ?? 0) + 1;
    out[t] = () => next++;
  }
  return out;
}

// ---------------------------------------------------------------- dates

export const TODAY = (): string => todayInChina();

/** "YYYY-MM" k months after `month` (k may be negative). */
export function addMonths(month: string, k: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + k;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}`;
}

/** A day of a month, clamped to the month's length. */
export function dayOf(month: string, day: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** Unix seconds of a China date at `hour`:`minute` (Asia/Shanghai is UTC+8 all year). */
export function unixAt(date: string, hour = 9, minute = 0): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d, hour - 8, minute) / 1000);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** A random date between `from` and `to` inclusive. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  if (to <= from) return from;
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return addDays(from, intBetween(rng, 0, span));
}

// ---------------------------------------------------------------- people and numbers

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "157",
  "158",
  "159",
  "173",
  "177",
  "180",
  "181",
  "182",
  "183",
  "187",
  "188",
  "189",
  "199",
];

/** A plausible mainland mobile number, unique within `seen`. */
export function mobile(rng: Rng, seen: Set<string>): string {
  for (;;) {
    const n = pick(rng, MOBILE_PREFIXES) + String(intBetween(rng, 0, 99_999_999)).padStart(8, "0");
    if (!seen.has(n)) {
      seen.add(n);
      return n;
    }
  }
}

/** A valid 18-character ID number (GB 11643 check digit) for a person born in `region6`, unique within `seen`. */
export function idNumber(
  rng: Rng,
  region6: string,
  birthYear: number,
  sex: "male" | "female",
  seen: Set<string>,
): string {
  for (;;) {
    const month = intBetween(rng, 1, 12);
    const day = intBetween(rng, 1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate());
    let seq = intBetween(rng, 1, 998);
    if ((seq % 2 === 1) !== (sex === "male")) seq += 1;
    const prefix = `${region6}${birthYear}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(seq).padStart(3, "0")}`;
    const id = makeIdNumber(prefix);
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

/** k distinct items of `items` (k clamped), in random order. */
export function sample<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.max(0, Math.min(k, copy.length)));
}

/** No 0/O, 1/I — the alphabet of workers/objections/service.ts newTrackingCode. */
const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export function trackingCode(rng: Rng): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += TRACKING_ALPHABET[Math.floor(rng() * 32)];
  return s;
}

// ---------------------------------------------------------------- the publication ledger

/** One publication, placed on the ledger in date order once every module part has added its own. */
export interface LedgerEvent {
  at: number;
  kind: string;
  ref: string;
  villageIds: number[];
  content: unknown;
  /** Assigned by `ledgerRows`. */
  seq?: number;
}

export async function ledgerHead(ctx: SeedContext): Promise<{ seq: number; hash: string; at: number }> {
  const row = await ctx.d1
    .prepare("SELECT seq, hash, at FROM ledger_entries ORDER BY seq DESC LIMIT 1")
    .first<{ seq: number; hash: string; at: number }>();
  return row ?? { seq: 0, hash: GENESIS_HASH, at: 0 };
}

/**
 * Sorts the events by time (stable), numbers them after the head and hashes them exactly like
 * workers/audit/audited-write.ts does (workers/ledger/chain.ts), setting each event's `seq`.
 */
export async function ledgerRows(head: { seq: number; hash: string }, events: LedgerEvent[]): Promise<Row[]> {
  // Nothing is published in the future (an event of today before the hour it names).
  const now = Math.floor(Date.now() / 1000);
  for (const e of events) e.at = Math.min(e.at, now);
  const ordered = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((x) => x.e);
  let seq = head.seq;
  let prevHash = head.hash;
  const rows: Row[] = [];
  for (const e of ordered) {
    seq++;
    e.seq = seq;
    const content = canonicalJson(e.content);
    const contentHash = await ledgerContentHash(content);
    const hash = await ledgerHash({ seq, at: e.at, kind: e.kind, ref: e.ref, contentHash, prevHash });
    rows.push({
      seq,
      at: e.at,
      kind: e.kind,
      ref: e.ref,
      village_ids: e.villageIds,
      content,
      content_hash: contentHash,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  return rows;
}
