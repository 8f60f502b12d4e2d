import { describe, expect, it } from "vitest";
import { api, call, ORIGIN } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";

/**
 * The served OpenAPI document is a contract other systems generate clients from. The full
 * Redocly lint and the typed client run in `npm run check:api` (Node, seconds); these tests keep
 * the points that matter most inside the ordinary suite, against the Worker itself, and check
 * that what the document says about credentials is what the API does.
 */

type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
};
type Doc = { paths: Record<string, Record<string, Operation | unknown>> };
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

async function operations() {
  const res = await call("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as Doc;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
  );
}

/** Sample values for every path parameter the API uses (any value will do: no credential is sent). */
const SAMPLE: Record<string, string> = {
  tenant: "pingchuan",
  id: "1",
  memberId: "1",
  lineId: "1",
  code: "620403001001",
  year: "2024",
  month: "2024-01",
  entity: "units",
  gap: "villages",
  trackingCode: "ABCDEFGH",
};

describe("OpenAPI document", () => {
  it("gives every operation a unique camelCase operationId", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map((o) => o.op.operationId ?? `(none) ${o.method} ${o.path}`);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("declares security on every operation, and at least one 4xx answer", async () => {
    const ops = await operations();
    expect(ops.filter((o) => o.op.security === undefined).map((o) => o.op.operationId)).toEqual([]);
    expect(
      ops.filter((o) => !Object.keys(o.op.responses).some((s) => s.startsWith("4"))).map((o) => o.op.operationId),
    ).toEqual([]);
    // An operation that needs a session says it can answer 401 and 403.
    expect(
      ops
        .filter((o) => o.op.security?.length)
        .filter((o) => !("401" in o.op.responses && "403" in o.op.responses))
        .map((o) => o.op.operationId),
    ).toEqual([]);
  });

  it("has no two paths that differ only in the names of their parameters", async () => {
    const paths = [...new Set((await operations()).map((o) => o.path))];
    const shapes = paths.map((p) => p.replace(/\{[^}]+\}/g, "{}"));
    expect(shapes.filter((s, i) => shapes.indexOf(s) !== i)).toEqual([]);
  });

  it("tells the truth about credentials: secured operations answer 401 without one, public ones do not", async () => {
    const ops = await operations();
    const seen: Array<{ op: string; needsCredential: boolean; status: number }> = [];
    const declared: typeof seen = [];
    for (const { path, method, op } of ops) {
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => SAMPLE[name] ?? "1");
      const body = method === "get" || method === "delete" ? undefined : "{}";
      // Same-origin, as a page of ours would send it: the CSRF guard (403 for a bodiless DELETE
      // from nowhere) is not what this test is about.
      const headers: Record<string, string> = body
        ? { Origin: ORIGIN, "Content-Type": "application/json" }
        : { Origin: ORIGIN };
      const res = await call(url, { method: method.toUpperCase(), body, headers });
      await res.body?.cancel();
      const name = `${op.operationId} ${method.toUpperCase()} ${url}`;
      seen.push({ op: name, needsCredential: res.status === 401, status: res.status });
      declared.push({ op: name, needsCredential: (op.security?.length ?? 0) > 0, status: res.status });
    }
    // Compared as whole lists, so a failure names every operation whose document and behaviour disagree.
    expect(seen).toEqual(declared);
  });
});

describe("import paths", () => {
  it("reads a staged import at /imports/{id}/preview, apart from the upload at /imports/{entity}", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const csv = `单位名称,单位类别,单位层级,联系方式\n${uniqueName("预览")},党政机关,县直,\n`;
    const upload = await api("pingchuan", "/imports/units", {
      token: admin.token,
      body: csv,
      headers: { "Content-Type": "text/csv" },
    });
    expect(upload.status).toBe(201);
    const preview = (await upload.json()) as { id: number; rowCount: number; status: string };

    const read = await api("pingchuan", `/imports/${preview.id}/preview`, { token: admin.token });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: preview.id, entity: "units", rowCount: 1, status: "previewed" });
    expect((await api("pingchuan", `/imports/${preview.id}`, { token: admin.token })).status).toBe(404);
    // Another tenant's staged import is not there.
    const other = await signIn("longquanyi", "county_admin");
    expect((await api("longquanyi", `/imports/${preview.id}/preview`, { token: other.token })).status).toBe(404);
  });
});
