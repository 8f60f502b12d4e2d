import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../workers/app.tsx";
import { PERMISSIONS, type Permission } from "../../workers/domain/permissions.ts";
import { ROLES, type Role } from "../../db/schema/tenant/users.ts";
import { api, ORIGIN } from "../helpers/http.ts";
import { type Session, signIn } from "../helpers/users.ts";
import { cadre, expectNoRow, place } from "../helpers/fixtures.ts";
import {
  bodyFor,
  fill,
  type Operation,
  opName,
  paramKeys,
  type RouteFixture,
  routeFixture,
  tenantOperations,
} from "../helpers/route-fixture.ts";

/**
 * Shared route tests (unkey's runCommonRouteTests): every operation of the OpenAPI document, so a
 * new route is covered the day it is added. Tenant B holds one real object of every kind; tenant A
 * holds none of them, so B's ids are real ids that name nothing in A.
 */
const B = "pingchuan";
// Hundreds of requests per check.
vi.setConfig({ testTimeout: 180_000 });
const A = "longquanyi";

/** Public by design: the villager-facing API, the publication ledger and signing in. */
const PUBLIC_PATH = /^\/(public\/|ledger(\/|$)|auth\/login$)/;
/** Operations any signed-in user may call, whatever the role (no permission to name). */
const SIGNED_IN_ONLY = ["POST /auth/logout", "GET /auth/me"];

/**
 * Refusals the permission table does not show: a second rule inside the service, for every record
 * alike (so a 403 there reveals nothing about a record's existence). Listed so each one is visible.
 */
const REFUSED_IN_SERVICE: Record<string, readonly Role[]> = {
  // Each import also needs the permission of what it imports; the fixture's entity is villages.
  "GET /imports/{entity}/template": ["finance_officer"],
  // Handing a pairing over is the county's or the township's, never the cadre's own.
  "POST /pairings/{id}/handover": ["cadre"],
};
const refusedInService = (op: Operation, role: Role) => (REFUSED_IN_SERVICE[opName(op)] ?? []).includes(role);

/** The permission each route names, read from the middleware it mounts (requirePermission tags it). */
function permissionsByOperation(): Map<string, Permission> {
  const map = new Map<string, Permission>();
  for (const r of createApp().routes) {
    const permission = (r.handler as { permission?: Permission }).permission;
    const m = r.path.match(/^\/t\/:tenant\/api\/v1(\/.*)$/);
    if (!permission || !m) continue;
    map.set(`${r.method} ${m[1]!.replace(/:([A-Za-z]+)/g, "{$1}")}`, permission);
  }
  return map;
}

const isPublic = (op: Operation) => !op.security || op.security.length === 0;
const takesObjectId = (op: Operation, fx: RouteFixture) => paramKeys(op.path).some((k) => fx[k]?.table);
const isScoped = (op: Operation, fx: RouteFixture) => paramKeys(op.path).some((k) => fx[k]?.scoped);

/** Calls `op` the way our own pages would (same Origin), so what answers is auth, not the CSRF guard. */
async function send(tenant: string, op: Operation, fx: RouteFixture, token?: string) {
  const { headers, ...body } = bodyFor(op, fx);
  return api(tenant, fill(op.path, fx), { method: op.method, token, headers: { Origin: ORIGIN, ...headers }, ...body });
}

let ops: Operation[];
let permissions: Map<string, Permission>;
let fx: RouteFixture;
let townshipCode: string;
const sessions = {} as Record<Role, Session>;
let otherTownshipOfficer: Session;
let ownTownshipOfficer: Session;
let strangerCadre: Session;

beforeAll(async () => {
  ops = await tenantOperations();
  permissions = permissionsByOperation();
  const admin = await signIn(B, "county_admin");
  ({ fx, townshipCode } = await routeFixture(B, admin, A));
  for (const role of ROLES) sessions[role] = role === "county_admin" ? admin : await signIn(B, role);
  otherTownshipOfficer = await signIn(B, "township_officer", { townshipCode: (await place(B)).townshipCode });
  ownTownshipOfficer = await signIn(B, "township_officer", { townshipCode });
  // A cadre-role user linked to a cadre record with no assignment and no pairing.
  strangerCadre = await signIn(B, "cadre", { cadreId: (await cadre(B)).id });
}, 120_000);

describe("the API description", () => {
  it("describes the tenant API, and marks exactly the villager, ledger and sign-in routes public", () => {
    expect(ops.length).toBeGreaterThan(100);
    const publicOps = ops.filter(isPublic).map(opName);
    const publicByPath = ops.filter((op) => PUBLIC_PATH.test(op.path)).map(opName);
    expect(publicOps).toEqual(publicByPath);
  });

  it("has every other operation name a permission of the one table (or be open to any signed-in user)", () => {
    const unnamed = ops
      .filter((op) => !isPublic(op) && !permissions.has(opName(op)))
      .map(opName)
      .filter((name) => !SIGNED_IN_ONLY.includes(name));
    expect(unnamed).toEqual([]);
    for (const p of permissions.values()) expect(Object.keys(PERMISSIONS)).toContain(p);
  });

  it("has a fixture value for every path parameter", () => {
    for (const op of ops) fill(op.path, fx);
  });
});

/** Operations guarded by a permission the table gives to `role`. */
const allowing = (role: Role) => (op: Operation) => {
  const permission = permissions.get(opName(op));
  return permission !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
};

// Each check runs over all operations with expect.soft, so one run lists every route that is wrong.
describe("every operation", () => {
  it("answers 401 without a session, except the public ones; never a 5xx", async () => {
    for (const op of ops.filter((o) => !isPublic(o))) expect.soft((await send(B, op, fx)).status, opName(op)).toBe(401);
    for (const op of ops.filter(isPublic)) {
      const status = (await send(B, op, fx)).status;
      expect.soft(status, opName(op)).not.toBe(401);
      expect.soft(status, opName(op)).toBeLessThan(500);
    }
  });

  it("answers 403 to a role the permission table leaves out", async () => {
    // One refused role per route, taken in turn so every role is tried across the routes (a full
    // role × route product costs minutes on a shared machine and adds little).
    const guarded = ops.filter((o) => permissions.has(opName(o)));
    const refused = guarded
      .map((op, i) => {
        const permission = permissions.get(opName(op))!;
        const lacking = ROLES.filter((r) => !(PERMISSIONS[permission] as readonly Role[]).includes(r));
        return { op, permission, role: lacking[i % Math.max(lacking.length, 1)] };
      })
      .filter((x): x is { op: Operation; permission: Permission; role: Role } => x.role !== undefined);
    // A role the turn-taking skipped (it lacks only a few routes, and adding a route moves the turns)
    // is tried on the first route that refuses it.
    for (const role of ROLES.filter((r) => !refused.some((x) => x.role === r))) {
      const op = guarded.find((o) => !(PERMISSIONS[permissions.get(opName(o))!] as readonly Role[]).includes(role));
      if (op) refused.push({ op, permission: permissions.get(opName(op))!, role });
    }
    for (const { op, permission, role } of refused) {
      const res = await send(B, op, fx, sessions[role].token);
      expect.soft(res.status, `${opName(op)} as ${role} (${permission})`).toBe(403);
    }
    expect(refused.length).toBeGreaterThan(60);
    // Every role the table leaves out somewhere was tried (county admins too: only cadres check in).
    const lackingSomewhere = new Set(
      guarded.flatMap((op) =>
        ROLES.filter((r) => !(PERMISSIONS[permissions.get(opName(op))!] as readonly Role[]).includes(r)),
      ),
    );
    expect(new Set(refused.map((x) => x.role))).toEqual(lackingSomewhere);
  });

  it("lets a role the permission table allows read (GET): no 401, no 403, no 5xx", async () => {
    // One allowed role per route (the last in the table, usually the narrowest), to keep the run short.
    for (const op of ops.filter((o) => o.method === "GET" && permissions.has(opName(o)))) {
      const allowed = (PERMISSIONS[permissions.get(opName(op))!] as readonly Role[]).filter(
        (r) => !refusedInService(op, r),
      );
      const role = allowed[allowed.length - 1]!;
      // Scope narrows what cadres and township officers see (tested below); here: not refused.
      const status = (await send(B, op, fx, sessions[role].token)).status;
      expect.soft(status, `${opName(op)} as ${role}`).not.toBe(401);
      expect.soft(status, `${opName(op)} as ${role}`).not.toBe(403);
      expect.soft(status, `${opName(op)} as ${role}`).toBeLessThan(500);
    }
  });

  it("refuses with 403 what a service rule refuses a whole role (REFUSED_IN_SERVICE)", async () => {
    for (const [name, roles] of Object.entries(REFUSED_IN_SERVICE)) {
      const op = ops.find((o) => opName(o) === name)!;
      expect(op, name).toBeDefined();
      for (const role of roles) {
        const token = role === "cadre" ? strangerCadre.token : sessions[role].token;
        expect.soft((await send(B, op, fx, token)).status, `${name} as ${role}`).toBe(403);
      }
    }
  });

  it("answers 404 in tenant A for ids that exist in tenant B, even to A's county admin", async () => {
    const adminA = await signIn(A, "county_admin");
    for (const v of Object.values(fx).filter((x) => x.table)) await expectNoRow(A, v.table!, Number(v.value));
    const withIds = ops.filter((op) => takesObjectId(op, fx));
    for (const op of withIds) {
      const res = await send(A, op, fx, isPublic(op) ? undefined : adminA.token);
      expect.soft(res.status, `${opName(op)}: ${(await res.text()).slice(0, 160)}`).toBe(404);
    }
    expect(withIds.length).toBeGreaterThan(60);
  });

  it("answers 404 to a township officer of another township for records of this one", async () => {
    const scoped = ops.filter((o) => isScoped(o, fx)).filter(allowing("township_officer"));
    for (const op of scoped) {
      const res = await send(B, op, fx, otherTownshipOfficer.token);
      expect.soft(res.status, `${opName(op)}: ${(await res.text()).slice(0, 160)}`).toBe(404);
    }
    expect(scoped.length).toBeGreaterThan(20);
  });

  it("lets the township's own officer read those records (the 404 above is scope, not a bad fixture)", async () => {
    const reads = ops.filter((o) => o.method === "GET" && isScoped(o, fx)).filter(allowing("township_officer"));
    for (const op of reads) expect.soft((await send(B, op, fx, ownTownshipOfficer.token)).status, opName(op)).toBe(200);
    expect(reads.length).toBeGreaterThan(5);
  });

  it("answers 404 to a cadre for records outside their villages and pairings", async () => {
    const scoped = ops.filter((o) => isScoped(o, fx) && !refusedInService(o, "cadre")).filter(allowing("cadre"));
    for (const op of scoped) {
      const res = await send(B, op, fx, strangerCadre.token);
      expect.soft(res.status, `${opName(op)}: ${(await res.text()).slice(0, 160)}`).toBe(404);
    }
    expect(scoped.length).toBeGreaterThan(10);
  });
});
