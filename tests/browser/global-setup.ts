import { freePort } from "../helpers/free-port.ts";
/// <reference types="node" />
/**
 * globalSetup of the `browser` project: an isolated `npm start` of our own.
 * Runs db/scripts/dev.ts (migrate + seed + wrangler dev) with a temporary --persist-to and a
 * free port, waits until the demo tenant's login page answers, hands the base URL to the tests
 * (`inject("baseUrl")`) and kills the whole process group (tsx, wrangler, workerd) at teardown.
 * The server's output goes to tests/output/browser-server.log.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUTPUT = join(ROOT, "tests/output");
const LOG = join(OUTPUT, "browser-server.log");
const READY_PATH = "/t/longquanyi/admin/login";
const START_TIMEOUT_MS = 150_000;

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`dev server exited (${child.exitCode ?? child.signalCode}) before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      if (res.status === 200) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`dev server did not answer ${url} within ${START_TIMEOUT_MS / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const done = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(done);
      // wrangler's workerd lives in the same process group; make sure nothing lingers.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      resolve();
    });
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      clearTimeout(done);
      resolve();
    }
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A developer's already running `npm start` (seeded): `BANGFU_BROWSER_BASE_URL=http://127.0.0.1:8787`.
  const given = process.env.BANGFU_BROWSER_BASE_URL;
  if (given) {
    project.provide("baseUrl", given.replace(/\/$/, ""));
    return async () => undefined;
  }
  mkdirSync(OUTPUT, { recursive: true });
  const persistTo = mkdtempSync(join(tmpdir(), "bangfu-browser-"));
  const port = await freePort();
  const log = createWriteStream(LOG);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "db/scripts/dev.ts", "--persist-to", persistTo, "--port", String(port)],
    {
      cwd: ROOT,
      detached: true, // its own process group, so teardown can stop wrangler and workerd too
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);

  const baseUrl = `http://127.0.0.1:${port}`;
  const teardown = async () => {
    await stop(child);
    log.end();
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    await waitForServer(baseUrl + READY_PATH, child);
  } catch (err) {
    await teardown();
    const tail = readFileSync(LOG, "utf8").split("\n").slice(-40).join("\n");
    throw new Error(`${(err as Error).message}\n--- ${LOG} (last lines) ---\n${tail}`);
  }
  project.provide("baseUrl", baseUrl);
  return teardown;
}
