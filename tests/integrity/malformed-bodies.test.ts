import { beforeAll, describe, expect, it, vi } from "vitest";
import { PERMISSIONS, type Permission } from "../../workers/domain/permissions.ts";
import { createApp } from "../../workers/app.tsx";
import type { Role } from "../../db/schema/tenant/users.ts";
import { api, call, ORIGIN } from "../helpers/http.ts";
import { type Session, signIn } from "../helpers/users.ts";

/**
 * What an attacker or a broken client sends to every write of the API, read from the served
 * OpenAPI document (a new route is covered the day it is added): JSON that does not parse, a body
 * of the wrong shape, every declared field of the wrong type, and strings far over any limit. Each
 * is a 4xx problem+json, never a 5xx. The caller holds the route's permission, so what answers is
 * the validator, not the guard.
 */
vi.setConfig({ testTimeout: 180_000 });
const T = "pingchuan";

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface JsonOperation {
  name: string;
  method: string;
  path: string;
  parameters: PathParameter[];
  schema: Schema;
}

/** A valid value of each path parameter's format (the object need not exist: bodies are checked first). */
const PATH_VALUES: Record<string, string> = {
  year: "2025",
  month: "2025-03",
  entity: "households",
  gap: "understaffed",
  trackingCode: "GS00000000",
};
/** Division codes by length: a township's 9 digits, a village's 12 (the pattern says which). */
const DIVISION_CODE = "510112001001";
interface PathParameter {
  in: string;
  name: string;
  schema?: { pattern?: string };
}
function fillPath(path: string, parameters: PathParameter[]): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const digits = /^\^\\d\{(\d+)\}\$$/.exec(parameters.find((p) => p.name === name)?.schema?.pattern ?? "")?.[1];
    return digits ? DIVISION_CODE.slice(0, Number(digits)) : (PATH_VALUES[name] ?? "999999");
  });
}

let doc: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, Schema> } };
let writes: JsonOperation[];
const permissions = new Map<string, Permission>();
const sessions = new Map<Role, Session>();

function resolve(s: Schema): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.split("/").pop()!;
  return resolve(doc.components!.schemas![name]!);
}
/** The declared properties of an object body, through $ref and allOf/anyOf of objects. */
function propertiesOf(s: Schema): Record<string, Schema> {
  const r = resolve(s);
  const parts = [...(r.allOf ?? []), ...(r.anyOf ?? []), ...(r.oneOf ?? [])].map(propertiesOf);
  return Object.assign({}, r.properties, ...parts);
}
/** A value no schema of this type accepts. */
function wrongTypeFor(s: Schema): unknown {
  const r = resolve(s);
  const type = Array.isArray(r.type) ? r.type[0] : r.type;
  if (type === "string") return { not: "a string" };
  if (type === "integer" || type === "number") return "一百";
  if (type === "boolean") return "是";
  if (type === "array") return "不是数组";
  return 12345;
}
const hugeFor = (s: Schema): unknown => {
  const type = resolve(s).type;
  return type === "string" ? "长".repeat(200_000) : wrongTypeFor(s);
};

async function sessionFor(op: JsonOperation): Promise<Session> {
  const permission = permissions.get(op.name);
  const roles = permission ? (PERMISSIONS[permission] as readonly Role[]) : (["county_admin"] as const);
  const role = roles.includes("county_admin") ? "county_admin" : roles[0]!;
  if (!sessions.has(role)) sessions.set(role, await signIn(T, role));
  return sessions.get(role)!;
}

async function send(op: JsonOperation, body: string) {
  const session = await sessionFor(op);
  return api(T, fillPath(op.path, op.parameters), {
    method: op.method,
    token: session.token,
    body,
    headers: { "Content-Type": "application/json", Origin: ORIGIN },
  });
}

/** The answer is one of `statuses`, as problem+json with a Chinese message. */
async function expectProblem(res: Response, label: string, statuses: number[]) {
  const text = await res.text();
  expect.soft(statuses, `${label} → ${res.status}: ${text.slice(0, 160)}`).toContain(res.status);
  expect.soft(res.headers.get("Content-Type") ?? "", label).toContain("application/problem+json");
  expect.soft(text, label).toMatch(/[\u4e00-\u9fff]/);
  return JSON.parse(text) as { errors?: { field: string; message: string }[] };
}

beforeAll(async () => {
  const res = await call("/api/v1/openapi.json");
  doc = (await res.json()) as typeof doc;
  for (const r of createApp().routes) {
    const permission = (r.handler as { permission?: Permission }).permission;
    const m = r.path.match(/^\/t\/:tenant\/api\/v1(\/.*)$/);
    if (permission && m) permissions.set(`${r.method} ${m[1]!.replace(/:([A-Za-z]+)/g, "{$1}")}`, permission);
  }
  writes = [];
  for (const [fullPath, item] of Object.entries(doc.paths)) {
    if (!fullPath.startsWith("/t/{tenant}/api/v1")) continue;
    const path = fullPath.slice("/t/{tenant}/api/v1".length);
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        security?: unknown[];
        parameters?: PathParameter[];
        requestBody?: { content?: Record<string, { schema: Schema }> };
      };
      const json = op.requestBody?.content?.["application/json"];
      // Signed-in writes; the public ones (objections, feedback, sign-in) have their own abuse tests.
      if (!json || !op.security?.length) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const parameters = (op.parameters ?? []).filter((p) => p.in === "path");
      writes.push({ name, method: method.toUpperCase(), path, parameters, schema: json.schema });
    }
  }
}, 60_000);

describe("every JSON write refuses a malformed body with a 4xx problem in Chinese", () => {
  it("covers the API's writes", () => {
    expect(writes.length).toBeGreaterThan(90);
  });

  it("JSON that does not parse is a 400", async () => {
    for (const op of writes) await expectProblem(await send(op, '{"name": "半截'), op.name, [400]);
  });

  it("a body that is not an object (an array, a string, null) is a 400", async () => {
    for (const op of writes) {
      for (const body of ["[1,2,3]", '"文本"', "null"])
        await expectProblem(await send(op, body), `${op.name} ${body}`, [400]);
    }
  });

  it("every declared field of the wrong type is a 400 naming the fields", async () => {
    const typed = writes.filter((op) => Object.keys(propertiesOf(op.schema)).length > 0);
    expect(typed.length).toBeGreaterThan(80);
    for (const op of typed) {
      const fields = Object.keys(propertiesOf(op.schema));
      const body = Object.fromEntries(Object.entries(propertiesOf(op.schema)).map(([k, s]) => [k, wrongTypeFor(s)]));
      const problem = await expectProblem(await send(op, JSON.stringify(body)), op.name, [400]);
      const named = (problem.errors ?? []).map((e) => e.field.split(".")[0]);
      expect.soft(named.length, `${op.name} names no field`).toBeGreaterThan(0);
      expect.soft(fields, `${op.name} names ${named.join(", ")}`).toEqual(expect.arrayContaining(named));
    }
  });

  it("strings of 200,000 characters in every field are a 4xx, never stored and never a 5xx", async () => {
    const typed = writes.filter((op) => Object.keys(propertiesOf(op.schema)).length > 0);
    for (const op of typed) {
      const body = Object.fromEntries(Object.entries(propertiesOf(op.schema)).map(([k, s]) => [k, hugeFor(s)]));
      await expectProblem(await send(op, JSON.stringify(body)), op.name, [400, 413]);
    }
  });
});
