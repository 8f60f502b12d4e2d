/// <reference types="node" />
/**
 * `npm run check:ops [-- --quick]` — a scripted check of every operator command, in a copy of the
 * working tree (this checkout's wrangler.toml and allowlist are never touched). Prints one line
 * per step and exits 1 if any step did not behave.
 *
 * --quick (what CI runs, well under a minute): five tenants from a CSV, list, one new migration
 * across all databases and a re-run, export, a lost database reported MISSING, restore, delete,
 * and the remote paths against a fake wrangler (tests/bench/fake-wrangler.mjs): the dry run
 * changes nothing and prints the commands, --yes records a Time Travel bookmark before each
 * migration and goes on past a failing database. Without it: the longer check with the demo seed.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values: flags } = parseArgs({ options: { quick: { type: "boolean" } }, strict: true });
const startedAt = Date.now();
const dir = mkdtempSync(join(tmpdir(), "bangfu-ops-check-"));
const state = join(dir, ".state");

for (const f of spawnSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
  .stdout.split("\n")
  .filter((f) => f && f !== "node_modules")) {
  mkdirSync(dirname(join(dir, f)), { recursive: true });
  if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(dir, f));
}
symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), script, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", ...env },
  });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

let failures = 0;
function expectStep(name: string, ok: boolean, out: string): void {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
  if (!ok) {
    failures++;
    console.log(out.trim().split("\n").slice(-15).join("\n"));
  }
}

const P = ["--persist-to", state];

/** The quick check: a small fleet through every local command, then the remote paths. */
async function quick(): Promise<void> {
  let r = run("db/scripts/migrate-all.ts", P);
  expectStep("db:migrate on fresh state applies everything, exit 0", r.code === 0 && /0 failed/.test(r.out), r.out);
  const slugs = ["qa", "qb", "qc", "qd", "qe"];
  writeFileSync(
    join(dir, "five.csv"),
    `slug,name,level,division_code,admin_username,admin_password\n${slugs
      .map((s, i) => `${s},模拟县${i + 1},county,${620101 + i},admin,ops-check-pass-1`)
      .join("\n")}\n`,
  );
  r = run("db/scripts/tenant-add.ts", [...P, "--csv", "five.csv"]);
  expectStep(
    "tenant:add --csv provisions five tenants",
    r.code === 0 && /5 of 5 tenant\(s\) active/.test(r.out),
    r.out,
  );
  r = run("db/scripts/tenant-list.ts", P);
  expectStep(
    "tenant:list shows them active at the newest version",
    /qe\s+模拟县5\s+county\s+active\s+\d{4}\s/.test(r.out) && !/behind\)/.test(r.out),
    r.out,
  );
  // The version every tenant is at before the probe: the newest migration of this checkout.
  const newest = readdirSync(join(dir, "db/migrations/tenant"))
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort()
    .at(-1)!
    .slice(0, 4);
  writeFileSync(
    join(dir, "db/migrations/tenant/9000_ops_probe.sql"),
    "-- ops check only\nCREATE TABLE ops_probe (id integer PRIMARY KEY);\n",
  );
  r = run("db/scripts/migrate-all.ts", P);
  expectStep(
    "db:migrate applies one new migration to all 8 tenant databases, ends with the table",
    r.code === 0 &&
      (r.out.match(new RegExp(`${newest}\\s+9000\\s+applied 1`, "g")) ?? []).length === 8 &&
      /9 databases in .*0 failed/.test(r.out),
    r.out,
  );
  r = run("db/scripts/migrate-all.ts", P);
  expectStep(
    "a re-run has nothing to do",
    r.code === 0 && (r.out.match(/9000\s+9000\s+up to date/g) ?? []).length === 8,
    r.out,
  );
  r = run("db/scripts/tenant-backup.ts", ["export", ...P, "--slug", "qa", "--out", "qa.json"]);
  expectStep("tenant:export writes the JSON with the audit head", r.code === 0 && /audit head #1/.test(r.out), r.out);
  const { localD1File } = await import("../../db/scripts/fleet/local-d1.ts");
  const { placeholderId } = await import("../../db/scripts/fleet/bindings-file.ts");
  const qaFile = localD1File(state, placeholderId("620101"));
  for (const f of [qaFile, `${qaFile}-wal`, `${qaFile}-shm`]) rmSync(f, { force: true });
  r = run("db/scripts/migrate-all.ts", P);
  expectStep(
    "a lost database is reported MISSING and not re-created; the others go on; exit 1",
    r.code === 1 && /bangfu-tenant-qa .*MISSING/.test(r.out) && /8 ok, 1 failed/.test(r.out) && !existsSync(qaFile),
    r.out,
  );
  r = run("db/scripts/tenant-backup.ts", ["restore", ...P, "--slug", "qa", "--from", "qa.json"]);
  expectStep("tenant:restore verifies the audit head", r.code === 0 && /verified/.test(r.out), r.out);
  r = run("db/scripts/migrate-all.ts", P);
  expectStep("db:migrate after the restore: all ok", r.code === 0 && /0 failed/.test(r.out), r.out);
  r = run("db/scripts/tenant-backup.ts", ["export", ...P, "--slug", "qe", "--out", "qe.json"]);
  r = run("db/scripts/tenant-backup.ts", ["delete", ...P, "--slug", "qe", "--confirm", "qe"]);
  expectStep(
    "tenant:delete after an export removes the binding",
    r.code === 0 && !readFileSync(join(dir, "wrangler.toml"), "utf8").includes("TENANT_QE"),
    r.out,
  );
  remote();
}

/**
 * The remote paths against a fake wrangler: the copy's placeholder ids become "real" ones, the
 * catalog says every tenant is at version 16 and the newest migration is 9000.
 */
function remote(): void {
  const toml = join(dir, "wrangler.toml");
  writeFileSync(toml, readFileSync(toml, "utf8").replaceAll("00000000-0000-4000-8000-", "f4ce0000-0000-4000-8000-"));
  const log = join(dir, "fake-wrangler.log");
  const fake = {
    BANGFU_WRANGLER: join(ROOT, "tests/bench/fake-wrangler.mjs"),
    FAKE_WRANGLER_LOG: log,
    FAKE_WRANGLER_STATE: join(dir, "fake-wrangler.json"),
    FAKE_CATALOG_VERSION: "16",
  };
  const calls = () =>
    existsSync(log)
      ? readFileSync(log, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as string[])
      : [];
  let r = run("db/scripts/migrate-all.ts", ["--remote"], fake);
  expectStep(
    "db:migrate --remote without --yes: a dry run that lists the databases and the exact commands",
    r.code === 0 &&
      /Dry run: nothing applied/.test(r.out) &&
      /wrangler d1 time-travel info bangfu-tenant-qb --json/.test(r.out) &&
      /wrangler d1 migrations apply bangfu-tenant-qb --remote/.test(r.out) &&
      calls().length === 1 &&
      calls()[0]![1] === "execute",
    r.out,
  );
  rmSync(log, { force: true });
  r = run("db/scripts/migrate-all.ts", ["--remote", "--yes"], { ...fake, FAKE_WRANGLER_FAIL: "bangfu-tenant-qc" });
  const order = calls().map((c) => `${c[1]} ${c[2]} ${c[3]}`);
  const bookmarkAt = order.indexOf("time-travel info bangfu-tenant-qb");
  const applyAt = order.indexOf("migrations apply bangfu-tenant-qb");
  const recorded = calls().some(
    (c) => /SET bookmark = '00000085-/.test(c.join(" ")) && c.join(" ").includes("TENANT_QB"),
  );
  expectStep(
    "db:migrate --remote --yes: bookmark recorded before each migration, unattended, goes on past a failure, exit 1",
    r.code === 1 &&
      bookmarkAt >= 0 &&
      applyAt > bookmarkAt &&
      recorded &&
      /bangfu-tenant-qc .*FAILED/.test(r.out) &&
      /bangfu-tenant-qd\s+0016\s+9000\s+applied, bookmark 00000085-/.test(r.out),
    r.out,
  );
  rmSync(log, { force: true });
  r = run("db/scripts/migrate-all.ts", ["--remote", "--yes", "--only", "qc"], fake);
  expectStep(
    "a re-run finishes what is left",
    r.code === 0 && /bangfu-tenant-qc\s+0016\s+9000\s+applied/.test(r.out) && /0 failed/.test(r.out),
    r.out,
  );
}

async function full(): Promise<void> {
  let r = run("db/scripts/migrate-all.ts", P);
  expectStep("db:migrate on fresh state applies everything, exit 0", r.code === 0 && /0 failed/.test(r.out), r.out);
  r = run("db/scripts/seed-demo.ts", P);
  expectStep("db:seed", r.code === 0, r.out);

  r = run("db/scripts/tenant-add.ts", [
    ...P,
    "--slug",
    "jinniu",
    "--name",
    "成都市金牛区",
    "--level",
    "county",
    "--division-code",
    "510106",
    "--admin-username",
    "jnadmin",
  ]);
  expectStep(
    "tenant:add without a password names it missing (exit 2)",
    r.code === 2 && /admin-password is missing/.test(r.out),
    r.out,
  );

  writeFileSync(
    join(dir, "batch.csv"),
    "slug,name,level,division_code,admin_username\njinniu,成都市金牛区,county,510106,jnadmin\nwuhou,成都市武侯区,county,510107,whadmin\n",
  );
  r = run("db/scripts/tenant-add.ts", [...P, "--csv", "batch.csv", "--passwords-out", "pw.csv"]);
  expectStep(
    "tenant:add --csv provisions two tenants and writes their passwords",
    r.code === 0 &&
      /2 of 2 tenant\(s\) active/.test(r.out) &&
      readFileSync(join(dir, "pw.csv"), "utf8").includes("whadmin"),
    r.out,
  );
  r = run("db/scripts/tenant-add.ts", [...P, "--csv", "batch.csv", "--passwords-out", "pw2.csv"]);
  expectStep("re-running the batch changes nothing and succeeds", r.code === 0 && /completed/.test(r.out), r.out);
  const toml = readFileSync(join(dir, "wrangler.toml"), "utf8");
  expectStep("wrangler.toml got each binding once", toml.split('binding = "TENANT_WUHOU"').length === 2, toml);

  r = run("db/scripts/tenant-list.ts", P);
  expectStep(
    "tenant:list shows the new tenant active at the newest version",
    /wuhou\s+成都市武侯区\s+county\s+active\s+\d{4}\s/.test(r.out) && !/behind\)/.test(r.out),
    r.out,
  );

  r = run("db/scripts/tenant-backup.ts", ["delete", ...P, "--slug", "wuhou", "--confirm", "wuhou"]);
  expectStep("tenant:delete refuses a tenant without an export", r.code === 2 && /no export/.test(r.out), r.out);

  r = run("db/scripts/tenant-backup.ts", ["export", ...P, "--slug", "longquanyi", "--out", "lq.json"]);
  expectStep("tenant:export writes the JSON with the audit head", r.code === 0 && /audit head #\d+/.test(r.out), r.out);

  // Lose a database: the migration must say so and not re-create it.
  const files = spawnSync("ls", [join(state, "v3/d1/miniflare-D1DatabaseObject")], { encoding: "utf8" }).stdout;
  const { localD1File } = await import("../../db/scripts/fleet/local-d1.ts");
  const lqFile = localD1File(state, "00000000-0000-4000-8000-000000510112");
  for (const f of [lqFile, `${lqFile}-wal`, `${lqFile}-shm`]) rmSync(f, { force: true });
  r = run("db/scripts/migrate-all.ts", P);
  expectStep(
    "db:migrate reports a deleted database as MISSING, goes on, exits 1",
    r.code === 1 &&
      /bangfu-tenant-longquanyi.*MISSING/.test(r.out) &&
      /bangfu-tenant-wuhou/.test(r.out) &&
      !existsSync(lqFile),
    `${r.out}\n${files}`,
  );

  r = run("db/scripts/tenant-backup.ts", ["restore", ...P, "--slug", "longquanyi", "--from", "lq.json"]);
  expectStep(
    "tenant:restore into the emptied database verifies the audit head",
    r.code === 0 && /verified/.test(r.out),
    r.out,
  );
  r = run("db/scripts/tenant-backup.ts", ["restore", ...P, "--slug", "longquanyi", "--from", "lq.json"]);
  expectStep("tenant:restore refuses a database that is not empty", r.code !== 0 && /not empty/.test(r.out), r.out);
  r = run("db/scripts/migrate-all.ts", P);
  expectStep("db:migrate after the restore: all ok", r.code === 0 && /0 failed/.test(r.out), r.out);

  r = run("db/scripts/tenant-backup.ts", ["export", ...P, "--slug", "wuhou", "--out", "wh.json"]);
  r = run("db/scripts/tenant-backup.ts", ["delete", ...P, "--slug", "wuhou", "--confirm", "wuhu"]);
  expectStep("tenant:delete needs the slug typed again", r.code === 2 && /--confirm wuhou/.test(r.out), r.out);
  r = run("db/scripts/tenant-backup.ts", ["delete", ...P, "--slug", "wuhou", "--confirm", "wuhou"]);
  const after = readFileSync(join(dir, "wrangler.toml"), "utf8");
  const allow = readFileSync(join(dir, "workers/platform/tenancy/tenant-bindings.ts"), "utf8");
  expectStep(
    "tenant:delete after an export removes binding, allowlist entry and database",
    r.code === 0 &&
      !after.includes("TENANT_WUHOU") &&
      !allow.includes("TENANT_WUHOU") &&
      after.includes("TENANT_JINNIU"),
    r.out,
  );
  r = run("db/scripts/tenant-list.ts", P);
  expectStep(
    "tenant:list shows the deleted tenant as deleted",
    /wuhou\s+成都市武侯区\s+county\s+deleted/.test(r.out),
    r.out,
  );
}

try {
  await (flags.quick ? quick() : full());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${failures ? `${failures} step(s) failed` : "all operator commands behave"} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
);
process.exit(failures ? 1 : 0);
