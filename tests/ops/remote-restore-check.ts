/// <reference types="node" />
/**
 * `npx tsx tests/ops/remote-restore-check.ts` — scripted check of the remote restore path
 * (db/scripts/fleet/remote-restore.ts) without Cloudflare: wrangler's answers are recorded, the
 * commands the restore would run are captured. Exits 1 on the first step that does not behave.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RemoteDeps, restoreRemote, summarizeExport } from "../../db/scripts/fleet/remote-restore.ts";
import { UsageError } from "../../db/scripts/lib.ts";

const dir = mkdtempSync(join(tmpdir(), "bangfu-remote-restore-"));
// The shape `wrangler d1 export` writes: PRAGMA, CREATE TABLE, one INSERT per row.
const EXPORT = `PRAGMA defer_foreign_keys=TRUE;
CREATE TABLE audit_log (seq integer PRIMARY KEY, at integer, action text, hash text);
INSERT INTO "audit_log" ("seq","at","action","hash") VALUES(1,1700000000,'seed','aa');
INSERT INTO "audit_log" ("seq","at","action","hash") VALUES(2,1700000001,'household.create','bb');
INSERT INTO "audit_log" ("seq","at","action","hash") VALUES(3,1700000002,'pii.rotated','cc');
CREATE TABLE ledger_entries (seq integer PRIMARY KEY, hash text);
INSERT INTO "ledger_entries" ("seq","hash") VALUES(1,'l1');
CREATE TABLE households (id integer PRIMARY KEY, id_number_enc text);
INSERT INTO "households" ("id","id_number_enc") VALUES(7,'v3.k00000000.aaaa.bbbb');
INSERT INTO "households" ("id","id_number_enc") VALUES(8,'v3.k00000000.cccc.dddd');
`;
const file = join(dir, "longquanyi.sql");
writeFileSync(file, EXPORT);

interface Recorded {
  queries: { database: string; sql: string }[];
  commands: string[][];
  lines: string[];
}

function fake(answers: { tables: number; heads?: Record<string, number | null> }): RemoteDeps & Recorded {
  const r: Recorded = { queries: [], commands: [], lines: [] };
  return {
    ...r,
    async query<T>(database: string, sql: string) {
      r.queries.push({ database, sql });
      if (sql.startsWith("SELECT status FROM tenants")) return [[{ status: "deleted" }]] as T[][];
      if (sql.includes("sqlite_master")) return [[{ n: answers.tables }]] as T[][];
      if (sql.includes("max(seq)")) return [[answers.heads ?? {}]] as T[][];
      return [[]] as T[][];
    },
    async wrangler(args: string[]) {
      r.commands.push(args);
      return args.includes("time-travel")
        ? JSON.stringify({ bookmark: "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683" })
        : "";
    },
    log(line: string) {
      r.lines.push(line);
    },
  };
}

const base = {
  slug: "longquanyi",
  from: file,
  database: "bangfu-longquanyi",
  control: "bangfu-control",
  actor: "check",
};
const step = async (name: string, fn: () => Promise<void>) => {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (err) {
    console.log(`FAIL ${name}\n${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  }
};

await step("summarizes an export: rows per table, audit and ledger heads", async () => {
  const s = summarizeExport(EXPORT);
  assert.deepEqual(s.tables, { audit_log: 3, ledger_entries: 1, households: 2 });
  assert.deepEqual(s.auditHead, { rows: 3, lastSeq: 3 });
  assert.deepEqual(s.ledgerHead, { rows: 1, lastSeq: 1 });
  assert.throws(() => summarizeExport("SELECT 1;"), UsageError);
  assert.throws(() => summarizeExport("CREATE TABLE x (a);"), /not a Bangfu tenant export/);
});

await step("dry run (no --yes): lists the plan, runs no wrangler command, writes nothing", async () => {
  const d = fake({ tables: 0 });
  const out = await restoreRemote({ ...base, yes: false }, d);
  assert.equal(out.executed, false);
  assert.deepEqual(d.commands, []);
  assert.ok(
    d.queries.every((q) => q.sql.trimStart().startsWith("SELECT")),
    "only reads",
  );
  const text = d.lines.join("\n");
  for (const expected of [
    "dry run",
    "households: 2 rows",
    "audit head: 3 entries, last seq 3",
    "ledger head: 1 entries, last seq 1",
    "--file",
    "--yes to restore",
  ])
    assert.ok(text.includes(expected), `listing mentions ${expected}:\n${text}`);
});

await step("dry run into a database that is not empty says it would refuse", async () => {
  const d = fake({ tables: 12 });
  const out = await restoreRemote({ ...base, yes: false }, d);
  assert.equal(out.executed, false);
  assert.ok(d.lines.join("\n").includes("REFUSED with --yes"));
});

await step("--yes into a database that is not empty: refused before any command", async () => {
  const d = fake({ tables: 12 });
  await assert.rejects(restoreRemote({ ...base, yes: true }, d), /not empty/);
  assert.deepEqual(d.commands, []);
});

await step(
  "--yes into an empty database: bookmark, execute --file, heads verified, catalog and operator log",
  async () => {
    const d = fake({ tables: 0, heads: { auditRows: 3, auditSeq: 3, ledgerRows: 1, ledgerSeq: 1 } });
    const out = await restoreRemote({ ...base, yes: true }, d);
    assert.equal(out.executed, true);
    assert.equal(out.bookmark, "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683");
    assert.deepEqual(d.commands, [
      ["d1", "time-travel", "info", "bangfu-longquanyi", "--json"],
      ["d1", "execute", "bangfu-longquanyi", "--remote", "--file", file, "--yes"],
    ]);
    const writes = d.queries.filter((q) => !q.sql.trimStart().startsWith("SELECT"));
    assert.equal(writes.length, 2);
    assert.ok(writes[0]!.sql.includes("SET bookmark = '00000085-"), writes[0]!.sql);
    assert.ok(writes[1]!.sql.includes("'tenant.restore'"), writes[1]!.sql);
  },
);

await step("--yes with heads that differ after execute: error naming the undo bookmark", async () => {
  const d = fake({ tables: 0, heads: { auditRows: 2, auditSeq: 2, ledgerRows: 1, ledgerSeq: 1 } });
  await assert.rejects(
    restoreRemote({ ...base, yes: true }, d),
    /time-travel restore bangfu-longquanyi --bookmark 00000085/,
  );
});

await step("refuses a file that is not a .sql export", async () => {
  await assert.rejects(
    restoreRemote({ ...base, from: join(dir, "x.json"), yes: false }, fake({ tables: 0 })),
    UsageError,
  );
});

console.log("remote restore check passed");
