/**
 * Every stored personal value the re-encryption job rewrites, table by table, in this order (the
 * job's `step` indexes this list, so append only: a step's meaning must not change under a
 * rotation that is half done). Hash columns are recomputed from the decrypted value.
 */
import {
  decryptPii,
  decryptPiiAt,
  encryptPii,
  encryptPiiAt,
  isCurrentKey,
  isEncryptedPii,
  searchHash,
  selfQueryHash,
  type PiiKeys,
} from "../lib/pii-crypto.ts";
import { idNumberTail } from "../lib/id-number.ts";
import { BALLOT_CODE_CONTEXT, ballotHashInput } from "../lib/ballot-code.ts";

export type Row = Record<string, string | number | null>;

export interface EncryptedColumn {
  /** Column holding the ciphertext. */
  column: string;
  /** Slot column name of row-bound values (`households.id_number:42`), or a free context (staged uploads). */
  bound: { slotColumn: string } | { context: string };
  /** Keyed-hash columns computed from the plain value (and the row, for the self-query hash). */
  hashes: { column: string; of: (keys: PiiKeys, plain: string, row: Row) => Promise<string> }[];
}

export interface RotationTable {
  table: "households" | "cadres" | "objections" | "feedback" | "csv_imports" | "review_ballots" | "village_officials";
  /** Other columns a hash needs, also compared on write so a concurrent edit is never overwritten. */
  extra: string[];
  /** SQL condition limiting the rows visited (a constant, never user input), e.g. rows a trigger keeps final. */
  only?: string;
  columns: EncryptedColumn[];
}

const byHash = (column: string) => ({
  column,
  of: (keys: PiiKeys, plain: string) => searchHash(keys, plain),
});

export const ROTATION_TABLES: readonly RotationTable[] = [
  {
    table: "households",
    extra: ["head_name"],
    columns: [
      {
        column: "id_number_enc",
        bound: { slotColumn: "id_number" },
        hashes: [
          byHash("id_number_hash"),
          {
            column: "self_query_hash",
            of: (keys, plain, row) => selfQueryHash(keys, String(row.head_name ?? ""), idNumberTail(plain, 6)),
          },
        ],
      },
      { column: "phone_enc", bound: { slotColumn: "phone" }, hashes: [byHash("phone_hash")] },
    ],
  },
  {
    table: "cadres",
    extra: [],
    columns: [{ column: "phone_enc", bound: { slotColumn: "phone" }, hashes: [byHash("phone_hash")] }],
  },
  {
    table: "objections",
    extra: [],
    columns: [{ column: "contact_enc", bound: { slotColumn: "contact" }, hashes: [] }],
  },
  { table: "feedback", extra: [], columns: [{ column: "contact_enc", bound: { slotColumn: "contact" }, hashes: [] }] },
  // Staged uploads (emptied once committed); the context is workers/imports/service.ts STAGED_CONTEXT.
  {
    table: "csv_imports",
    extra: [],
    columns: [{ column: "content", bound: { context: "csv_imports.content" }, hashes: [] }],
  },
  // 评议 QR codes (0025): the code is kept encrypted so its lookup hash can be recomputed under the
  // new key, and a slip printed before the rotation still works once the old key is removed.
  // Codes issued before 0025 have no code_enc and are skipped (valid while the old key is configured).
  // Used codes are final (trigger review_ballot_final refuses any update) and cannot vote again:
  // they are left as they are, so after the old key is removed their slip reads "no such ballot".
  {
    table: "review_ballots",
    extra: ["used_at"],
    only: "used_at IS NULL",
    columns: [
      {
        column: "code_enc",
        bound: { context: BALLOT_CODE_CONTEXT },
        hashes: [{ column: "code_hash", of: (keys, plain) => searchHash(keys, ballotHashInput(plain)) }],
      },
    ],
  },
  // 村两委 roster (0017): ID numbers, row-bound like households' (workers/village-cadres/service.ts).
  {
    table: "village_officials",
    extra: [],
    columns: [{ column: "id_number_enc", bound: { slotColumn: "id_number" }, hashes: [byHash("id_number_hash")] }],
  },
];

/** The SELECT list of a page of `t`. */
export function selectList(t: RotationTable): string {
  const cols = new Set(["id", ...t.extra]);
  for (const c of t.columns) {
    cols.add(c.column);
    for (const h of c.hashes) cols.add(h.column);
  }
  return [...cols].join(", ");
}

/** True when a value or one of its hashes is not yet under the ring's current key. */
export function needsRewrite(keys: PiiKeys, c: EncryptedColumn, row: Row): boolean {
  const stored = row[c.column];
  if (typeof stored !== "string" || !isEncryptedPii(stored)) return false;
  if (!isCurrentKey(keys, stored)) return true;
  return c.hashes.some((h) => typeof row[h.column] !== "string" || !isCurrentKey(keys, row[h.column] as string));
}

export async function decryptColumn(keys: PiiKeys, t: RotationTable, c: EncryptedColumn, row: Row): Promise<string> {
  const stored = row[c.column] as string;
  return "slotColumn" in c.bound
    ? decryptPiiAt(keys, stored, { table: t.table, column: c.bound.slotColumn, rowId: Number(row.id) })
    : decryptPii(keys, stored, c.bound.context);
}

/** The new ciphertext and hashes of one column, under the ring's current key. */
export async function rewriteColumn(
  keys: PiiKeys,
  t: RotationTable,
  c: EncryptedColumn,
  row: Row,
  plain: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {
    [c.column]:
      "slotColumn" in c.bound
        ? await encryptPiiAt(keys, plain, { table: t.table, column: c.bound.slotColumn, rowId: Number(row.id) })
        : await encryptPii(keys, plain, c.bound.context),
  };
  for (const h of c.hashes) out[h.column] = await h.of(keys, plain, row);
  return out;
}
