/// <reference types="node" />
/**
 * `npm run check:ops` — a scripted check of every local operator command, in a copy of the
 * working tree (this checkout's wrangler.toml and allowlist are never touched). Exits 1 on the
 * first step that does not behave; prints one line per step.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
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
try {
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
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} step(s) failed` : "all operator commands behave");
process.exit(failures ? 1 : 0);
