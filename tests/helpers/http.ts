import { SELF } from "cloudflare:test";

export const ORIGIN = "https://bangfu.test";

export interface CallOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
}

/** Calls the tenant API the way a client would: `/t/:tenant/api/v1/...`. */
export function api(tenant: string, path: string, opts: CallOptions = {}): Promise<Response> {
  return call(`/t/${tenant}/api/v1${path}`, opts);
}

export function call(path: string, opts: CallOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("Authorization", `Bearer ${opts.token}`);
  let body = opts.body;
  if (opts.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(opts.json);
  }
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: opts.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    redirect: "manual",
  });
}

/** Posts an HTML form from one of our own pages (same Origin), with the session cookie. */
export function postForm(
  path: string,
  fields: Record<string, string>,
  opts: { cookie?: string; origin?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Origin: opts.origin ?? ORIGIN,
  };
  if (opts.cookie) headers.Cookie = opts.cookie;
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

export async function problem(
  res: Response,
): Promise<{ status: number; code: string; detail: string; errors?: { field: string; message: string }[] }> {
  return (await res.json()) as never;
}
