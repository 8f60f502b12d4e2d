import { freePort } from "../helpers/free-port.ts";
/// <reference types="node" />
/**
 * `npm run bench:village` — the weight and speed of a village page.
 *
 * Starts an isolated `npm start` (db/scripts/dev.ts with a temporary --persist-to and a free
 * port, like the browser tests), creates through the API a village with 200 households and a
 * year of payments (12 monthly batches × 200 lines, noticed, approved, paid), then fetches the
 * village page over loopback and prints:
 *   - first-response bytes: raw, gzip (-6 and -9) and brotli (q4, what Cloudflare's edge uses
 *     by default for dynamic content, and q11),
 *   - total page weight (the HTML plus any subresource it references: there should be none),
 *   - time to first byte, cold (cache miss) and warm (edge cache hit), and a 304 revalidation.
 * The budget is 14 KB (14,336 bytes) compressed: one round trip of a new TCP connection.
 * Set BENCH_HOUSEHOLDS / BENCH_MONTHS to change the data size.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TENANT = "longquanyi";
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 200);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const BUDGET = 14 * 1024;
const SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
const GIVEN = "秀英桂兰玉梅建国志强海燕春华明亮文军丽娟小红德胜永福金凤";

function idNumber(i: number): string {
  const body = `510112${1950 + (i % 50)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}${String(i % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, k) => s + Number(ch) * w[k]!, 0);
  return body + "10X98765432"[sum % 11];
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

const kb = (b: number) => `${b.toLocaleString("en")} B (${(b / 1024).toFixed(1)} KB)`;

async function main() {
  const persistTo = mkdtempSync(join(tmpdir(), "bangfu-bench-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "db/scripts/dev.ts", "--persist-to", persistTo, "--port", String(port)],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
  };
  process.on("exit", stop);
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error("server did not start");
      try {
        if ((await fetch(`${base}/t/${TENANT}/admin/login`, { signal: AbortSignal.timeout(3000) })).status === 200)
          break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`server ready at ${base}; creating ${HOUSEHOLDS} households and ${MONTHS} months of payments…`);
    const tokenOf = async (username: string) =>
      (
        (await (
          await fetch(`${base}/t/${TENANT}/api/v1/auth/login`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ username, password: "bangfu-demo" }),
          })
        ).json()) as { token: string }
      ).token;
    // Maker-checker: finance prepares, submits and pays the batches; the county administrator approves.
    const tokens = { admin: await tokenOf("admin"), finance: await tokenOf("finance") };
    const callAs = async (who: keyof typeof tokens, method: string, path: string, json?: unknown) => {
      const res = await fetch(`${base}/t/${TENANT}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${tokens[who]}`, ...(json ? { "Content-Type": "application/json" } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const call = (method: string, path: string, json?: unknown) => callAs("admin", method, path, json);
    const fin = (method: string, path: string, json?: unknown) => callAs("finance", method, path, json);
    const township = "510112987";
    const village = `${township}201`;
    await call("POST", "/townships", { code: township, name: "基准镇" }).catch(() => undefined);
    await call("POST", "/villages", { code: village, name: "基准村", tags: ["poor"] }).catch(() => undefined);
    const ids: number[] = [];
    const t0 = Date.now();
    await pool([...Array(HOUSEHOLDS).keys()], 8, async (i) => {
      const name =
        SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13 + 3) % GIVEN.length]!;
      const h = await call("POST", "/households", {
        headName: name,
        idNumber: idNumber(i + 5000),
        phone: `139${String(10_000_000 + i * 37).slice(0, 8)}`,
        villageCode: village,
        status: "poor",
        yearIdentified: 2024,
      });
      ids.push(h.id);
    });
    const year = new Date().getFullYear();
    const program = await call("POST", "/programs", {
      name: `基准月度生活补助${Date.now()}`,
      category: "other",
      fundSource: "county",
      recipientKind: "household",
      ruleKind: "per_line",
      noticeDays: 1,
    });
    await call("PUT", `/programs/${program.id}/budgets/${year}`, { budgetFen: 10_000_000_000 });
    const industry = await call("POST", "/programs", {
      name: `基准产业扶持${Date.now()}`,
      category: "industry_support",
      fundSource: "central",
      recipientKind: "household",
      ruleKind: "per_line",
      noticeDays: 1,
    });
    await call("PUT", `/programs/${industry.id}/budgets/${year}`, { budgetFen: 10_000_000_000 });
    const batches: number[] = [];
    for (let m = 1; m <= MONTHS; m++) {
      const p = m === MONTHS ? industry.id : program.id;
      const b = await fin("POST", "/batches", {
        programId: p,
        period: m === MONTHS ? String(year) : `${year}-${String(m).padStart(2, "0")}`,
      });
      await pool(
        ids,
        8,
        async (id) =>
          void (await fin("POST", `/batches/${b.id}/lines`, {
            recipientId: id,
            amountFen: 30_000 + (id % 7) * 1000,
            purpose: m === MONTHS ? "产业扶持" : "生活补助",
          })),
      );
      await fin("POST", `/batches/${b.id}/submit`);
      batches.push(b.id);
      process.stdout.write(`  batch ${m}/${MONTHS}\r`);
    }
    // The notice period must pass before approval; the bench moves it into the past in the local database.
    const sql = `UPDATE batches SET notice_end = '2000-01-01' WHERE id IN (${batches.join(",")})`;
    const r = spawnSync(
      process.execPath,
      [
        "node_modules/wrangler/bin/wrangler.js",
        "d1",
        "execute",
        "bangfu-tenant-longquanyi",
        "--local",
        "--persist-to",
        persistTo,
        "--command",
        sql,
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
    );
    if (r.status !== 0) throw new Error(`wrangler d1 execute failed: ${r.stderr}`);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const b of batches) {
      await call("POST", `/batches/${b}/approve`);
      await fin("POST", `/batches/${b}/pay`, { paidDate: today, paymentRef: `BENCH${b}` });
    }
    console.log(
      `data ready in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${ids.length} households, ${batches.length * ids.length} paid lines\n`,
    );

    const url = `${base}/t/${TENANT}/v/${village}`;
    const timed = async (headers: Record<string, string> = {}) => {
      const start = performance.now();
      const res = await fetch(url, { headers });
      const ttfb = performance.now() - start;
      const body = Buffer.from(await res.arrayBuffer());
      return { res, ttfb, body, total: performance.now() - start };
    };
    const cold = await timed();
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push((await timed()).ttfb);
    warm.sort((a, b) => a - b);
    const etag = cold.res.headers.get("etag") ?? "";
    const revalidate = await timed({ "If-None-Match": etag });
    const html = cold.body.toString("utf8");
    const subresources = [...html.matchAll(/<(?:link|script|img|iframe)[^>]+(?:href|src)="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    const gz6 = gzipSync(cold.body, { level: 6 }).length;
    const gz9 = gzipSync(cold.body, { level: 9 }).length;
    const br4 = brotliCompressSync(cold.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
    const br11 = brotliCompressSync(cold.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const headerBytes = [...cold.res.headers].reduce((s, [k, v]) => s + k.length + v.length + 4, 0) + 17;
    console.log(`village page ${url}`);
    console.log(`  status                      ${cold.res.status}, ${cold.res.headers.get("content-type")}`);
    console.log(`  first response, raw         ${kb(cold.body.length)}`);
    console.log(`  gzip -6 / -9                ${kb(gz6)} / ${kb(gz9)}`);
    console.log(`  brotli q4 / q11             ${kb(br4)} / ${kb(br11)}`);
    console.log(`  response headers (approx.)  ${kb(headerBytes)}`);
    console.log(
      `  budget (14 KB compressed)   ${Math.max(gz6, br4) + headerBytes <= BUDGET ? "OK" : "OVER"} (worst case gzip -6 + headers = ${kb(gz6 + headerBytes)})`,
    );
    console.log(`  subresources                ${subresources.length === 0 ? "none" : subresources.join(", ")}`);
    console.log(
      `  total page weight           ${kb(cold.body.length)} raw, ${kb(gz6)} gzip (HTML only, nothing else to load)`,
    );
    console.log(`  TTFB cold (cache ${cold.res.headers.get("x-cache")})      ${cold.ttfb.toFixed(1)} ms`);
    console.log(
      `  TTFB warm median / p95      ${warm[10]!.toFixed(1)} ms / ${warm[18]!.toFixed(1)} ms (20 requests, cache ${(await timed()).res.headers.get("x-cache")})`,
    );
    console.log(
      `  304 revalidation            ${revalidate.res.status} in ${revalidate.ttfb.toFixed(1)} ms, ${revalidate.body.length} B body`,
    );
    const payments = await fetch(`${url}/payments`);
    const pb = Buffer.from(await payments.arrayBuffer());
    console.log(`  full payment list, page 1   ${kb(pb.length)} raw, ${kb(gzipSync(pb).length)} gzip`);
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(persistTo, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
