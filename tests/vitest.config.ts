import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { parse, stringify } from "smol-toml";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_TENANTS } from "./setup/test-tenants.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const path = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/**
 * wrangler.toml minus every tenant database the tests do not use: with hundreds of tenants in
 * wrangler.toml, binding (and migrating) them all made every test file's setup grow with the fleet.
 */
function testWranglerConfig(): string {
  const config = parse(readFileSync(path("wrangler.toml"), "utf8")) as Record<string, unknown> & {
    d1_databases?: { binding: string }[];
  };
  const keep = new Set(["CONTROL", ...TEST_TENANTS.map((t) => t.binding)]);
  config.d1_databases = (config.d1_databases ?? []).filter((d) => keep.has(d.binding));
  config.main = path("workers/index.ts");
  mkdirSync(path(".wrangler/tmp"), { recursive: true });
  const file = path(".wrangler/tmp/wrangler.test.toml");
  writeFileSync(file, stringify(config));
  return file;
}

/**
 * The Worker as one bundled module, as `wrangler deploy` would ship it (same entry, same aliases).
 * Why: the pool starts a fresh workerd per test file and, given the source entry, loads the app's
 * ~300 modules one by one through Vite's module fallback service; that was ~3 s of setup in every
 * one of 120 files, more than half the suite. One prebuilt module loads in a fraction of that.
 * esbuild is what wrangler itself bundles with. `BANGFU_TEST_SOURCE=1` uses the source entry instead
 * (for `vitest --watch`, which does not rebuild this bundle).
 */
function testWorkerMain(): string {
  if (process.env.BANGFU_TEST_SOURCE === "1") return path("workers/index.ts");
  const config = parse(readFileSync(path("wrangler.toml"), "utf8")) as { alias?: Record<string, string> };
  const outfile = path(".wrangler/tmp/test-worker/index.js");
  buildSync({
    entryPoints: [path("workers/index.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2024",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    alias: Object.fromEntries(
      Object.entries(config.alias ?? {}).map(([k, v]) => [k, fileURLToPath(new URL(`../${v}`, import.meta.url))]),
    ),
    tsconfig: path("tsconfig.json"),
    sourcemap: "linked",
    logLevel: "warning",
  });
  return outfile;
}

/**
 * Three projects:
 * - `unit`: pure functions of workers/lib in plain Node (no workerd, no database): fast, and a
 *   proof that workers/lib needs nothing from the Workers runtime. tests/unit may import only
 *   workers/lib (tests/unit/purity.test.ts checks it).
 * - `workers`: the Worker itself inside workerd (Miniflare) through SELF.fetch, with real local
 *   D1 databases (control + every tenant) migrated by tests/setup/apply-migrations.ts.
 * - `browser`: Debian's Chromium driven by playwright-core against `wrangler dev`.
 */
const workerMain = testWorkerMain();

export default defineConfig({
  test: {
    root,
    projects: [
      {
        test: {
          name: "unit",
          // Groups run one after another (a group needs one maxWorkers): unit, workers, browser.
          sequence: { groupOrder: 0 },
          root,
          environment: "node",
          include: ["tests/unit/**/*.test.ts"],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            main: workerMain,
            wrangler: { configPath: testWranglerConfig() },
            miniflare: {
              bindings: {
                ENVIRONMENT: "test",
                // Test-only key (32 zero-to-31 bytes); real deployments set a secret.
                PII_MASTER_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                CONTROL_MIGRATIONS: await readD1Migrations(path("db/migrations/control")),
                TENANT_MIGRATIONS: await readD1Migrations(path("db/migrations/tenant")),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          root,
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: ["tests/browser/**", "tests/unit/**"],
          setupFiles: [path("tests/setup/apply-migrations.ts")],
          // Vitest's default is one file fewer than the cores: one at a time on a 2-core machine. A
          // file here spends much of its time waiting between vitest (Node) and its own workerd, so
          // three in flight keep two cores busy: 818 tests in 341 s on an idle 2-core machine.
          maxWorkers: Math.max(3, availableParallelism() - 1),
          sequence: { groupOrder: 1 },
          // Tests assert behaviour, not speed: on a shared two-core machine the default 5 s times out
          // tests that are merely slow (speed is measured in tests/bench).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "browser",
          // After the workers project: its server and Chromium would otherwise compete for the same
          // two cores with three workerd test files, and the crawl's timeouts are for a calm machine.
          sequence: { groupOrder: 2 },
          root,
          environment: "node",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: [path("tests/browser/global-setup.ts")],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
