import { env } from "cloudflare:test";
import { hashPassword } from "../../workers/auth/password.ts";
import type { Role } from "../../db/schema/tenant/users.ts";
import { api } from "./http.ts";

export const TENANT_DB: Record<string, D1Database> = {
  longquanyi: env.TENANT_LONGQUANYI,
  pingchuan: env.TENANT_PINGCHUAN,
  dazhou: env.TENANT_DAZHOU,
};

let counter = 0;
/** A username no other test in this file uses. */
export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/** The password every fixture user gets unless a test names its own. */
export const FIXTURE_PASSWORD = "correct-horse-1";
/**
 * FIXTURE_PASSWORD hashed once, offline, in the stored format of workers/auth/password.ts
 * (PBKDF2-SHA256, 100,000 iterations, random salt): creating a user costs one INSERT, and only the
 * sign-in under test spends PBKDF2 time. Made with Node's crypto.pbkdf2Sync; a test signs in with it.
 */
const FIXTURE_PASSWORD_HASH =
  "pbkdf2-sha256$100000$WWsba729Ogtw5gcRftqIiw==$uTElIS/7LjO/01aqv/VW81xn+Fzu6LbaJzgYfs2HXJc=";
const hashes = new Map<string, Promise<string>>([[FIXTURE_PASSWORD, Promise.resolve(FIXTURE_PASSWORD_HASH)]]);
/** Hashes each distinct password once per test file (users sharing a password share the hash's salt). */
function hashOnce(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

const TOWNSHIP_OF: Record<string, string> = { longquanyi: "510112001", pingchuan: "620403001", dazhou: "511702001" };

/**
 * Test fixture: puts a user straight into a tenant database (as provisioning would), with a
 * precomputed password hash, so a test can then sign in through the HTTP surface. Tests of how
 * passwords are hashed create users through the API instead.
 */
export async function makeUser(
  tenant: string,
  role: Role,
  opts: { username?: string; password?: string; townshipCode?: string } = {},
) {
  const username = opts.username ?? uniqueName(role.replace(/_/g, "").slice(0, 8));
  const password = opts.password ?? FIXTURE_PASSWORD;
  const townshipCode = role === "township_officer" ? (opts.townshipCode ?? TOWNSHIP_OF[tenant]!) : null;
  const row = await TENANT_DB[tenant]!.prepare(
    "INSERT INTO users (username, display_name, role, township_code, password_hash) VALUES (?, ?, ?, ?, ?) RETURNING id",
  )
    .bind(username, `测试${role}`, role, townshipCode, await hashOnce(password))
    .first<{ id: number }>();
  return { id: row!.id, username, password };
}

export interface Session {
  id: number;
  username: string;
  token: string;
  csrfToken: string;
  cookie: string;
}

/**
 * Creates a user with `role` in `tenant` and signs in through the API; for the cadre role
 * `cadreId` links the user to that cadre (users.cadre_id).
 */
export async function signIn(
  tenant: string,
  role: Role,
  opts: { townshipCode?: string; cadreId?: number } = {},
): Promise<Session> {
  const u = await makeUser(tenant, role, opts.townshipCode ? { townshipCode: opts.townshipCode } : {});
  if (opts.cadreId !== undefined)
    await TENANT_DB[tenant]!.prepare("UPDATE users SET cadre_id = ? WHERE id = ?").bind(opts.cadreId, u.id).run();
  const res = await api(tenant, "/auth/login", { json: { username: u.username, password: u.password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; csrfToken: string };
  return {
    id: u.id,
    username: u.username,
    token: body.token,
    csrfToken: body.csrfToken,
    cookie: `bangfu_session=${body.token}`,
  };
}
