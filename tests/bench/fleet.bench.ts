/// <reference types="node" />
/**
 * `npm run bench:fleet -- [--tenants 300] [--keep]` — builds a simulated fleet and prints what
 * an operator waits for (issue 13):
 *   1. provisioning N tenants from one CSV (`tenant:add --csv`, local, one process),
 *   2. one new migration across all N + 4 databases (`db:migrate`), and a re-run with nothing pending,
 *   3. `npm start` until the last tenant's public page answers, with nothing pending.
 * It works on a copy of the working tree in a temporary folder (wrangler.toml and the allowlist
 * of the copy grow to N tenants; this checkout is not touched) and deletes it unless --keep.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PROVINCES } from "../../workers/lib/fleet.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({
  options: {
    tenants: { type: "string", default: "300" },
    keep: { type: "boolean" },
    port: { type: "string", default: "8899" },
  },
});
const N = Number(values.tenants);
if (!Number.isInteger(N) || N < 1 || N > 3000) throw new Error("--tenants must be 1–3000");

/** N distinct county-level codes spread over the provinces (never ending in 00). */
export function fleetCodes(n: number): string[] {
  const provinces = Object.keys(PROVINCES);
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const p = provinces[i % provinces.length]!;
    const k = Math.floor(i / provinces.length);
    const city = String(70 + Math.floor(k / 90)).padStart(2, "0"); // 70–99: not used by the demo tenants
    const county = String(1 + (k % 90)).padStart(2, "0");
    out.push(`${p}${city}${county}`);
  }
  return out;
}

function copyTree(dest: string): void {
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    try {
      if (f !== "node_modules") cpSync(join(ROOT, f), join(dest, f));
    } catch {
      // a file deleted in the working tree but still tracked
    }
  }
  symlinkSync(join(ROOT, "node_modules"), join(dest, "node_modules"));
}

/**
 * CPU seconds (user + system) of this process's finished children, workerd included (Linux:
 * /proc/self/stat, fields cutime and cstime). Unlike wall time it hardly depends on what else the
 * shared machine is running.
 */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function run(cwd: string, args: string[]): { seconds: number; cpu: number; out: string; code: number } {
  const started = Date.now();
  const cpu0 = childCpuSeconds();
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    seconds: (Date.now() - started) / 1000,
    cpu: childCpuSeconds() - cpu0,
    out: `${r.stdout}${r.stderr}`,
    code: r.status ?? 1,
  };
}

function tail(out: string, lines = 3): string {
  return out.trim().split("\n").slice(-lines).join("\n");
}

async function timeStart(cwd: string, state: string, port: number, lastSlug: string): Promise<number> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "db/scripts/dev.ts", "--port", String(port), "--persist-to", state],
    {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    },
  );
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  try {
    while (Date.now() - started < 600_000) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${tail(log, 20)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/t/${lastSlug}/`, { signal: AbortSignal.timeout(5_000) });
        if (res.status === 200) return (Date.now() - started) / 1000;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no answer after 600 s:\n${tail(log, 20)}`);
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

const dir = mkdtempSync(join(tmpdir(), "bangfu-fleet-"));
const state = join(dir, ".state");
try {
  console.log(`Simulated fleet of ${N} tenants in ${dir}`);
  copyTree(dir);
  const codes = fleetCodes(N);
  const csv = [
    "slug,name,level,division_code,admin_username,admin_password",
    ...codes.map(
      (c, i) =>
        `f${String(i + 1).padStart(4, "0")},模拟县${String(i + 1).padStart(4, "0")},county,${c},admin,fleet-bench-pass`,
    ),
  ].join("\n");
  writeFileSync(join(dir, "fleet.csv"), `${csv}\n`);
  const last = `f${String(N).padStart(4, "0")}`;

  const base = run(dir, ["db/scripts/migrate-all.ts", "--persist-to", state]);
  if (base.code) throw new Error(tail(base.out, 20));
  const seed = run(dir, ["db/scripts/seed-demo.ts", "--persist-to", state]);
  if (seed.code) throw new Error(tail(seed.out, 20));

  const add = run(dir, ["db/scripts/tenant-add.ts", "--csv", "fleet.csv", "--persist-to", state]);
  console.log(`\nprovisioning: ${tail(add.out, 2)}`);
  if (add.code) throw new Error(tail(add.out, 20));

  writeFileSync(
    join(dir, "db/migrations/tenant/9000_fleet_probe.sql"),
    "-- bench only: one new migration across the fleet\nCREATE TABLE fleet_probe (id integer PRIMARY KEY);\n",
  );
  const mig = run(dir, ["db/scripts/migrate-all.ts", "--persist-to", state]);
  console.log(`migration:    ${tail(mig.out, 1)}`);
  if (mig.code) throw new Error(tail(mig.out, 20));
  const again = run(dir, ["db/scripts/migrate-all.ts", "--persist-to", state]);
  console.log(`re-run:       ${tail(again.out, 1)}`);

  const start = await timeStart(dir, state, Number(values.port), last);

  const ms = (seconds: number, dbs: number) => `${((seconds * 1000) / dbs).toFixed(0)} ms/db`;
  const D = N + 4;
  const line = (what: string, r: { seconds: number; cpu: number }, dbs: number) =>
    console.log(
      `${what.padEnd(44)}${r.seconds.toFixed(1).padStart(7)} s wall ${r.cpu.toFixed(1).padStart(7)} s CPU  (${ms(r.seconds, dbs)} wall, ${ms(r.cpu, dbs)} CPU)`,
    );
  console.log(
    `\n── fleet of ${N} tenants (+3 demo); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} ──`,
  );
  line(`tenant:add --csv (${N} tenants, local)`, add, N);
  line(`db:migrate, one new migration (${D} dbs)`, mig, D);
  line("db:migrate, nothing pending", again, D);
  console.log(`${`npm start → /t/${last}/ answers`.padEnd(44)}${start.toFixed(1).padStart(7)} s wall`);
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
