import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env.ts";
import { SESSION_ABSOLUTE_SECONDS } from "../../domain/sessions.ts";

export const SESSION_COOKIE = "bangfu_session";

function isLocalhost(c: Context<AppEnv>): boolean {
  const host = new URL(c.req.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** The cookie lives under this tenant's path only, so tenant A's cookie is never sent to tenant B. */
function cookiePath(c: Context<AppEnv>): string {
  return `/t/${c.var.tenant.slug}`;
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: cookiePath(c),
    httpOnly: true,
    sameSite: "Lax",
    secure: !isLocalhost(c),
    maxAge: SESSION_ABSOLUTE_SECONDS,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(c), secure: !isLocalhost(c) });
}

/** The raw session token of this request: the cookie, or an `Authorization: Bearer` header. */
export function sessionTokenOf(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim() || undefined;
  return getCookie(c, SESSION_COOKIE);
}
