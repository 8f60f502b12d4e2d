/**
 * Grows a tenant's chains to county scale without going through thousands of requests: entries
 * with valid hashes (the same functions the writer uses), appended after the current head with bulk
 * JSON inserts. The head triggers of migrations 0009/0012 still check every row, so what lands
 * here is a chain a real writer could have produced (by the actor "bench", in one request id).
 */
import { auditHash, GENESIS_HASH, type AuditContent } from "../../workers/lib/audit-chain.ts";
import { ledgerContentHash, ledgerHash } from "../../workers/lib/ledger-chain.ts";

/** Rows per statement: a JSON parameter of ~150 KB, well under D1's statement size. */
const ROWS_PER_STATEMENT = 400;

export async function appendAuditEntries(db: D1Database, n: number, at = 1_790_000_000): Promise<number> {
  const head = await db
    .prepare("SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    .first<{ seq: number; hash: string }>();
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    seq++;
    const e: AuditContent = {
      seq,
      at,
      actorId: null,
      actorName: "bench",
      actorRole: "county_admin",
      action: "bench.write",
      entity: "bench",
      entityId: String(seq),
      before: null,
      after: `{"n":${seq},"note":"county-scale chain"}`,
      requestId: "bench-chain",
      prevHash: prev,
    };
    const hash = await auditHash(e);
    rows.push([
      e.seq,
      e.at,
      e.actorId,
      e.actorName,
      e.actorRole,
      e.action,
      e.entity,
      e.entityId,
      e.before,
      e.after,
      e.requestId,
      e.prevHash,
      hash,
    ]);
    prev = hash;
  }
  await insertRows(
    db,
    "audit_log",
    "seq, at, actor_id, actor_name, actor_role, action, entity, entity_id, before, after, request_id, prev_hash, hash",
    13,
    rows,
  );
  return seq;
}

export async function appendLedgerEntries(db: D1Database, n: number, at = 1_790_000_000): Promise<number> {
  const head = await db
    .prepare("SELECT seq, hash FROM ledger_entries WHERE seq = (SELECT max(seq) FROM ledger_entries)")
    .first<{ seq: number; hash: string }>();
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    seq++;
    const content = `{"n":${seq},"title":"测试公示"}`;
    const contentHash = await ledgerContentHash(content);
    const hash = await ledgerHash({
      seq,
      at,
      kind: "bench.published",
      ref: `bench:${seq}`,
      contentHash,
      prevHash: prev,
    });
    rows.push([seq, at, "bench.published", `bench:${seq}`, "[]", content, contentHash, prev, hash]);
    prev = hash;
  }
  await insertRows(
    db,
    "ledger_entries",
    "seq, at, kind, ref, village_ids, content, content_hash, prev_hash, hash",
    9,
    rows,
  );
  return seq;
}

async function insertRows(db: D1Database, table: string, columns: string, width: number, rows: unknown[][]) {
  const select = Array.from({ length: width }, (_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  const stmt = `INSERT INTO ${table} (${columns}) SELECT ${select} FROM json_each(?1) ORDER BY key`;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    statements.push(db.prepare(stmt).bind(JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))));
  // D1 runs at most 1,000 statements per invocation: 50 statements (20,000 rows) per batch.
  for (let i = 0; i < statements.length; i += 50) await db.batch(statements.slice(i, i + 50));
}
