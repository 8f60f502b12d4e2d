/// <reference types="node" />
/**
 * `npm run bench:pages` — the pages that grow with the county, at 1× and 100× the demo data, in one run.
 *
 * 1. Seeds a demo state (db/scripts/dev.ts in a temporary --persist-to; or copies BENCH_STATE, a
 *    seeded state directory, to save the seeding minutes), copies it and grows the copy to 100×
 *    with tests/bench/generate-county.ts (about 50,000 households, 600,000 paid lines, 100,000
 *    audit and ledger entries) — or copies BENCH_BIG_STATE, a copy of BENCH_STATE grown earlier
 *    (`npx tsx tests/bench/generate-county.ts --persist-to DIR --factor 100`), to compare runs.
 * 2. Starts `wrangler dev` on both states side by side (no seeding) and measures on each:
 *    - requests per second of the cached village page vs a static asset of the same Worker
 *      (/static/admin.css), same concurrency, same duration, interleaved;
 *    - the median latency of each growing page on a cache miss (a unique query parameter makes
 *      every public request miss the version-keyed cache; admin API lists are never cached);
 *    - the gzip size of every page a villager opens (at 100×).
 * 3. Prints the ratios 100×/1×. Targets (issue 9): cached page ≥ 0.8× static, latency ≤ 1.5×,
 *    villager pages ≤ 14 KB gzip.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { freePort } from "../helpers/free-port.ts";
import { generateCounty, tenantFile } from "./generate-county.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TENANT = "longquanyi";
const DIVISION = "510112";
const FACTOR = Number(process.env.BENCH_FACTOR ?? 100);
const BUDGET = 14 * 1024;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 8;
/** Timed requests per page and size (medians), alternating between the two servers. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

function start(persistTo: string, port: number, seed: boolean): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "db/scripts/dev.ts",
      "--persist-to",
      persistTo,
      "--port",
      String(port),
      ...(seed ? [] : ["--no-seed"]),
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    },
  );
}

async function stop(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
  await new Promise((r) => setTimeout(r, 2000));
}

async function ready(base: string) {
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error("server did not start");
    try {
      if ((await fetch(`${base}/t/${TENANT}/admin/login`, { signal: AbortSignal.timeout(3000) })).status === 200)
        return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function rps(url: string): Promise<number> {
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const r = await fetch(url);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
        n++;
      }
    }),
  );
  return n / SECONDS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Measure {
  ratio: number;
  staticRps: number;
  pageRps: number;
  latency: Record<string, number>;
  sizes: Record<string, number>;
}

/** A running server of one state, signed in as the county admin. */
interface Server {
  child: ChildProcess;
  t: string;
  staticUrl: string;
  auth: Record<string, string>;
}

async function serve(persistTo: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start(persistTo, port, false);
  await ready(base);
  const t = `${base}/t/${TENANT}`;
  const token = (
    (await (
      await fetch(`${t}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "bangfu-demo" }),
      })
    ).json()) as { token: string }
  ).token;
  return { child, t, staticUrl: `${base}/static/admin.css`, auth: { Authorization: `Bearer ${token}` } };
}

/** Cached village page vs static asset: warm both, then alternate to share the machine's noise. */
async function cachedVsStatic(
  s: Server,
  villageCode: string,
): Promise<Pick<Measure, "ratio" | "staticRps" | "pageRps">> {
  const village = `${s.t}/v/${villageCode}`;
  await (await fetch(village)).arrayBuffer();
  await (await fetch(s.staticUrl)).arrayBuffer();
  const staticRuns: number[] = [];
  const pageRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    staticRuns.push(await rps(s.staticUrl));
    pageRuns.push(await rps(village));
  }
  const staticRps = median(staticRuns);
  const pageRps = median(pageRuns);
  return { ratio: pageRps / staticRps, staticRps, pageRps };
}

const pagesOf = (s: Server, villageCode: string) => {
  const village = `${s.t}/v/${villageCode}`;
  const t = s.t;
  const auth = s.auth;
  return {
    "tenant home": { url: `${t}/`, miss: true },
    "home search": { url: `${t}/?q=${encodeURIComponent("村")}`, miss: true },
    "township page": { url: `${t}/townships/${villageCode.slice(0, 9)}`, miss: true },
    "village page (notices by village)": { url: village, miss: true },
    "village payments": { url: `${village}/payments`, miss: true },
    "open data": { url: `${t}/open-data`, miss: true },
    "ledger page 1": { url: `${t}/ledger`, miss: true },
    "ledger page 50": { url: `${t}/ledger?page=50`, miss: true },
    "reports by village (API)": { url: `${t}/api/v1/reports/villages`, headers: auth },
    "household list (API)": { url: `${t}/api/v1/households?page=1&size=50`, headers: auth },
    // size=30: the demo's 张 households (34) fill the page at 1× as the 3,400 do at 100×, so the
    // ratio is the search's growth, not the cost of rendering a fuller page.
    "household name search (API)": {
      url: `${t}/api/v1/households?q=${encodeURIComponent("张")}&size=30`,
      headers: auth,
    },
    "objection inbox open (API)": { url: `${t}/api/v1/objections?status=open`, headers: auth },
    "feedback inbox open (API)": { url: `${t}/api/v1/feedback?status=open`, headers: auth },
  } as Record<string, { url: string; headers?: Record<string, string>; miss?: boolean }>;
};

/**
 * Both sizes run side by side and each page is asked of the 1× and the 100× server in turn, so
 * the load of a shared machine falls on both halves of every ratio alike.
 */
async function measure(onePath: string, bigPath: string, villageCode: string): Promise<[Measure, Measure]> {
  const one = await serve(onePath);
  try {
    const big = await serve(bigPath);
    try {
      const rOne = await cachedVsStatic(one, villageCode);
      const rBig = await cachedVsStatic(big, villageCode);
      let bust = 0;
      const latOne: Record<string, number> = {};
      const latBig: Record<string, number> = {};
      const pOne = pagesOf(one, villageCode);
      const pBig = pagesOf(big, villageCode);
      const time = async (name: string, p: { url: string; headers?: Record<string, string>; miss?: boolean }) => {
        const url = p.miss ? `${p.url}${p.url.includes("?") ? "&" : "?"}_bench=${++bust}` : p.url;
        const t0 = performance.now();
        const r = await fetch(url, { headers: p.headers ?? {} });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${name}: ${url} → ${r.status}`);
        return performance.now() - t0;
      };
      for (const name of Object.keys(pOne)) {
        // One untimed request each first: the first request of a route warms code paths.
        await time(name, pOne[name]!);
        await time(name, pBig[name]!);
        const a: number[] = [];
        const b: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          a.push(await time(name, pOne[name]!));
          b.push(await time(name, pBig[name]!));
        }
        latOne[name] = median(a);
        latBig[name] = median(b);
      }
      const village = `${big.t}/v/${villageCode}`;
      const villagerPages: Record<string, string> = {
        "tenant home": `${big.t}/`,
        "township page": `${big.t}/townships/${villageCode.slice(0, 9)}`,
        "village page": village,
        "village payments": `${village}/payments`,
        "open data": `${big.t}/open-data`,
        ledger: `${big.t}/ledger`,
        "self-query": `${big.t}/query`,
        feedback: `${big.t}/feedback?village=${villageCode}`,
      };
      const sizes: Record<string, number> = {};
      for (const [name, url] of Object.entries(villagerPages)) {
        const body = Buffer.from(await (await fetch(url)).arrayBuffer());
        sizes[name] = gzipSync(body, { level: 6 }).length;
      }
      return [
        { ...rOne, latency: latOne, sizes: {} },
        { ...rBig, latency: latBig, sizes },
      ];
    } finally {
      await stop(big.child);
    }
  } finally {
    await stop(one.child);
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "bangfu-pages-"));
  const one = join(work, "1x");
  const big = join(work, `${FACTOR}x`);
  try {
    if (process.env.BENCH_STATE) cpSync(process.env.BENCH_STATE, one, { recursive: true });
    else {
      console.log("seeding the demo tenants…");
      const port = await freePort();
      const child = start(one, port, true);
      await ready(`http://127.0.0.1:${port}`);
      await stop(child);
    }
    if (process.env.BENCH_BIG_STATE) {
      // A state grown earlier from the same BENCH_STATE (generate-county.ts): saves the minutes of growing it.
      cpSync(process.env.BENCH_BIG_STATE, big, { recursive: true });
    } else {
      cpSync(one, big, { recursive: true });
      const t0 = Date.now();
      const counts = await generateCounty(tenantFile(big, DIVISION), FACTOR);
      console.log(`generated ${FACTOR}× in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);
    }
    // A demo village that exists at both sizes (the generator clones villages, never moves them).
    const { spawnSync } = await import("node:child_process");
    const code = spawnSync("sqlite3", [tenantFile(one, DIVISION), "SELECT code FROM villages ORDER BY id LIMIT 1;"], {
      encoding: "utf8",
    }).stdout.trim();
    const [m1, m100] = await measure(one, big, code);
    const pad = (s: string) => s.padEnd(36);
    console.log(
      `\nvillage ${code}; ${CONCURRENCY} concurrent clients, ${SECONDS} s runs (median of 3); latencies: median of ${ROUNDS}, 1× and ${FACTOR}× alternating`,
    );
    for (const [label, m] of [
      ["1×", m1],
      [`${FACTOR}×`, m100],
    ] as const)
      console.log(
        `${pad(`cached village page vs static, ${label}`)}${m.pageRps.toFixed(0)} / ${m.staticRps.toFixed(0)} req/s = ${m.ratio.toFixed(2)} ${m.ratio >= 0.8 ? "OK" : "BELOW 0.8"}`,
      );
    console.log(`\n${pad("latency on a miss")}${"1×".padStart(9)}${`${FACTOR}×`.padStart(9)}   ratio`);
    for (const name of Object.keys(m1.latency)) {
      const a = m1.latency[name]!;
      const b = m100.latency[name]!;
      const r = b / a;
      console.log(
        `${pad(name)}${a.toFixed(1).padStart(7)}ms${b.toFixed(1).padStart(7)}ms   ${r.toFixed(2)} ${r <= 1.5 ? "OK" : "OVER 1.5"}`,
      );
    }
    console.log(`\n${pad(`villager pages at ${FACTOR}×, gzip -6`)}`);
    for (const [name, b] of Object.entries(m100.sizes))
      console.log(`${pad(name)}${b.toLocaleString("en").padStart(8)} B ${b <= BUDGET ? "OK" : "OVER 14 KB"}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
