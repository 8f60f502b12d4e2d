import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";
import { createUnit } from "./fixtures.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";

describe("units", () => {
  it("creates a unit, refuses a second one with the same name (409) and bad kinds/levels (400 per field)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const name = uniqueName("县农业农村局");
    const unit = await createUnit("longquanyi", admin.token, name, "party_government", "county");
    const dup = await api("longquanyi", "/units", {
      token: admin.token,
      json: { name, kind: "school", level: "township" },
    });
    expect(dup.status).toBe(409);
    expect((await problem(dup)).errors?.[0]).toMatchObject({ field: "name", message: "已有同名单位" });
    const bad = await api("longquanyi", "/units", {
      token: admin.token,
      json: { name: "", kind: "bank", level: "nation" },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(["kind", "level", "name"]);
    // Renaming another unit onto an existing name is refused too.
    const other = await createUnit("longquanyi", admin.token);
    const rename = await api("longquanyi", `/units/${other.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { name },
    });
    expect(rename.status).toBe(409);
    const ok = await api("longquanyi", `/units/${unit.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { contact: "王科长 028-1234567", level: "city" },
    });
    expect(await ok.json()).toMatchObject({ name, level: "city", contact: "王科长 028-1234567" });
  });

  it("lists with filters and paging, and exports CSV", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const tag = uniqueName("筛选");
    for (let i = 0; i < 3; i++) await createUnit("longquanyi", admin.token, `${tag}学校${i}`, "school", "township");
    await createUnit("longquanyi", admin.token, `${tag}医院`, "hospital", "county");
    const schools = (await (
      await api("longquanyi", `/units?q=${encodeURIComponent(tag)}&kind=school&size=2&page=2`, { token: admin.token })
    ).json()) as { total: number; items: { name: string }[] };
    expect(schools.total).toBe(3);
    expect(schools.items).toHaveLength(1);
    const csv = await api("longquanyi", `/units/export?q=${encodeURIComponent(tag)}`, { token: admin.token });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`${tag}医院,医院,县直`);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(5);
  });

  it("lets only the county admin manage units; other tenants' ids are 404", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    await nextIdOnlyIn("longquanyi", "units", "pingchuan");
    const unit = await createUnit("longquanyi", admin.token);
    await expectNoRow("pingchuan", "units", unit.id);
    const officer = await signIn("longquanyi", "township_officer");
    expect(
      (
        await api("longquanyi", "/units", {
          token: officer.token,
          json: { name: "x", kind: "other", level: "village" },
        })
      ).status,
    ).toBe(403);
    expect((await api("longquanyi", `/units/${unit.id}`, { token: officer.token })).status).toBe(200);
    const other = await signIn("pingchuan", "county_admin");
    expect((await api("pingchuan", `/units/${unit.id}`, { token: other.token })).status).toBe(404);
    expect(
      (await api("pingchuan", `/units/${unit.id}`, { method: "PATCH", token: other.token, json: { name: "改名" } }))
        .status,
    ).toBe(404);
    expect((await api("longquanyi", "/units/abc", { token: admin.token })).status).toBe(400);
  });
});

describe("OpenAPI", () => {
  it("documents the units, cadres, assignments and attendance routes", async () => {
    const doc = (await (await call("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    for (const p of [
      "/t/{tenant}/api/v1/units",
      "/t/{tenant}/api/v1/cadres/{id}/reveal-phone",
      "/t/{tenant}/api/v1/assignments/{id}/replace",
      "/t/{tenant}/api/v1/assignments/{id}/attendance/{month}",
      "/t/{tenant}/api/v1/attendance/low",
    ]) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
  });
});
