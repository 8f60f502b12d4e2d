/// <reference types="node" />
/**
 * `npm start` — the local development server, from a fresh clone:
 *   1. creates `.dev.vars` (gitignored) with a random PII_MASTER_KEY and ENVIRONMENT=development,
 *   2. applies migrations to CONTROL, then checks tenant versions in the catalog (one query) and
 *      migrates only the tenant databases that are behind, uncatalogued or new (in-process),
 *   3. seeds the demo tenants and users (idempotent: only what is missing is written),
 *   4. runs `wrangler dev` (workerd + Miniflare, local SQLite-backed D1) in the foreground.
 *
 * Options: `--port <n>` (8787), `--ip <addr>` (127.0.0.1), `--persist-to <dir>` (local state,
 * default `.wrangler/state`; the browser tests use a temporary one), `--no-seed`,
 * `--inspector-port <n>` (wrangler's DevTools port; the benchmarks read the isolate's heap there).
 * Works without a terminal (CI=true, no stdin). Stop it with Ctrl-C or SIGTERM.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CONTROL_DIR, migrateLocal, pendingLocal, printResult } from "./migrate-all.ts";
import { openLocalD1 } from "./fleet/local-d1.ts";
import { applyPending, readMigrations } from "./fleet/migrations.ts";
import { seedLocal } from "./seed-demo.ts";
import { DEMO_PASSWORD, SEED_TENANTS } from "../seed/core/tenants.ts";
import { DEMO_USERS } from "../seed/modules/users.ts";
import { childEnv, controlDatabase, ensureDevVars, main, ROOT, targetFrom, UsageError } from "./lib.ts";

await main(async () => {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      ip: { type: "string", default: "127.0.0.1" },
      "persist-to": { type: "string" },
      "no-seed": { type: "boolean" },
      // The benchmarks read the isolate's heap through the DevTools protocol on this port.
      "inspector-port": { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port must be a TCP port, not ${values.port}`);
  const target = targetFrom(values);
  if (target.mode !== "local") throw new Error("unreachable");
  const started = Date.now();

  if (ensureDevVars()) console.log("Created .dev.vars with a new random PII_MASTER_KEY (local only, gitignored).");
  console.log(`Checking local databases (${target.persistTo})`);
  await migrateIfPending(target.persistTo);
  if (!values["no-seed"]) {
    console.log("Seeding demo data");
    await seedLocal(target.persistTo);
  }
  console.log(`Local databases ready in ${((Date.now() - started) / 1000).toFixed(1)} s; starting wrangler dev…\n`);

  const wranglerBin = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
  const args = [wranglerBin, "dev", "--port", String(port), "--ip", values.ip, "--persist-to", target.persistTo];
  // No terminal (CI, tests): no interactive hotkeys; stdin is not read.
  const interactive = !!process.stdin.isTTY && !process.env.CI;
  if (!interactive) args.push("--show-interactive-dev-session=false");
  if (values["inspector-port"]) {
    const inspector = Number(values["inspector-port"]);
    if (!Number.isInteger(inspector) || inspector < 1 || inspector > 65535)
      throw new UsageError(`--inspector-port must be a TCP port, not ${values["inspector-port"]}`);
    args.push("--inspector-port", String(inspector));
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: [interactive ? "inherit" : "ignore", "inherit", "inherit"],
    env: childEnv(),
  });

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }

  const host = values.ip === "127.0.0.1" || values.ip === "0.0.0.0" ? "localhost" : values.ip;
  const base = `http://${host}:${port}`;
  void waitUntilServing(
    `http://${values.ip === "0.0.0.0" ? "127.0.0.1" : values.ip}:${port}/`,
    () => child.exitCode !== null,
  ).then((ok) => {
    if (ok) console.log(banner(base, values["no-seed"] ?? false));
  });

  const code = await new Promise<number>((resolve) =>
    child.on("close", (c, sig) => resolve(c ?? (sig ? 128 + 15 : 1))),
  );
  process.exit(code);
});

/**
 * One quick version check instead of opening every database: the catalog records each tenant's
 * schema version, so with nothing pending a fleet of hundreds costs one query. A tenant whose
 * database is gone stops the start (it would otherwise be re-created empty).
 */
async function migrateIfPending(persistTo: string): Promise<void> {
  const local = await openLocalD1(persistTo, [controlDatabase()]);
  let plan: Awaited<ReturnType<typeof pendingLocal>>;
  try {
    await applyPending(local.env.CONTROL!, await readMigrations(CONTROL_DIR));
    plan = await pendingLocal(persistTo, local.env.CONTROL!);
  } finally {
    await local.dispose();
  }
  if (plan.missing.length)
    throw new UsageError(
      `these tenant databases are in the catalog but their local files are gone: ${plan.missing.map((d) => d.database_name).join(", ")}.\n` +
        "Restore them (npm run tenant:restore) or start over by deleting the local state folder.",
    );
  if (plan.ahead.length)
    console.log(
      `  note: ${plan.ahead.length} tenant database(s) are newer than the newest migration here (${plan.latest}), e.g. ${plan.ahead[0]!.database_name}`,
    );
  if (!plan.pending.length) {
    console.log(`  all tenant databases at version ${plan.latest}`);
    return;
  }
  console.log(`  migrating ${plan.pending.length} tenant database(s)`);
  const started = Date.now();
  const rows = await migrateLocal(persistTo, { only: plan.pending, log: () => {} });
  if (!printResult(rows, (Date.now() - started) / 1000)) throw new Error("some databases failed to migrate");
}

async function waitUntilServing(url: string, gaveUp: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !gaveUp()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function banner(base: string, noSeed: boolean): string {
  const lines = [
    "",
    "────────────────────────────────────────────────────────────",
    ` 帮扶通 Bangfu is running at ${base}/`,
    "",
    ...SEED_TENANTS.flatMap((t) => [
      ` ${t.name} (${t.slug})`,
      `   public site  ${base}/t/${t.slug}/`,
      `   admin        ${base}/t/${t.slug}/admin/login`,
    ]),
    "",
    ` API docs       ${base}/api/v1/docs`,
    "",
    noSeed
      ? " Demo users were not seeded (--no-seed)."
      : ` Sign in as ${DEMO_USERS.map((u) => u.username).join(" / ")} with password ${DEMO_PASSWORD}`,
    " Stop with Ctrl-C.",
    "────────────────────────────────────────────────────────────",
    "",
  ];
  return lines.join("\n");
}
