import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../workers/index.ts";
import { hashPassword } from "../../workers/auth/password.ts";
import { toBase64 } from "../../workers/lib/bytes.ts";
import { type CallOptions, ORIGIN } from "./http.ts";

/**
 * The phases of a PII_MASTER_KEY rotation as secrets the Worker is called with: the same app SELF
 * runs, with other secrets (key A alone → B with A as previous → B alone).
 */
export type KeySecrets = { PII_MASTER_KEY?: string | undefined; PII_MASTER_KEY_PREVIOUS?: string | undefined };

export const KEY_A = env.PII_MASTER_KEY;
export const KEY_B = toBase64(new Uint8Array(32).fill(0x52));
export const phaseA: KeySecrets = { PII_MASTER_KEY: KEY_A };
export const phaseMid: KeySecrets = { PII_MASTER_KEY: KEY_B, PII_MASTER_KEY_PREVIOUS: KEY_A };
export const phaseB: KeySecrets = { PII_MASTER_KEY: KEY_B };

/** A request to the Worker as deployed with `keys`. */
export async function fetchWith(keys: KeySecrets, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("Authorization", `Bearer ${opts.token}`);
  let body = opts.body;
  if (opts.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(opts.json);
  }
  const request = new Request(`${ORIGIN}${path}`, {
    method: opts.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    redirect: "manual",
  });
  const { PII_MASTER_KEY: _a, PII_MASTER_KEY_PREVIOUS: _b, ...rest } = env as unknown as Record<string, unknown>;
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...rest, ...keys } as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Signs in a new platform operator (the re-encryption job runs through the operator API). */
export async function operatorToken(username: string): Promise<string> {
  await env.CONTROL.prepare("INSERT INTO operators (username, password_hash) VALUES (?, ?)")
    .bind(username, await hashPassword("operator-pass-1"))
    .run();
  const login = await fetchWith(phaseA, "/api/v1/platform/login", {
    json: { username, password: "operator-pass-1" },
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { token: string }).token;
}

/** Runs the re-encryption job of `tenant` to the end under `keys` (both keys configured). */
export async function rotateToEnd(keys: KeySecrets, tenant: string, operator: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const res = await fetchWith(keys, `/api/v1/platform/tenants/${tenant}/pii-rotation`, {
      token: operator,
      json: { maxPages: 10, pageSize: 100 },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    if (((await res.json()) as { status: string }).status === "done") return;
  }
  throw new Error("the rotation did not finish in 20 calls");
}
