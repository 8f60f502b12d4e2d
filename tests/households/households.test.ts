import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { cadre, expectNoRow, nextIdOnlyIn, setHouseholdStatus } from "../helpers/fixtures.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";
import { derivePiiKeys, encryptPii } from "../../workers/lib/pii-crypto.ts";
import { createHousehold, freshPlace, newIdNumber } from "./fixtures.ts";

describe("household registration", () => {
  it("rejects an ID number with a wrong check digit, naming the field and the problem", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const good = newIdNumber();
    const badCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    for (const [idNumber, hint] of [
      [badCheck, "校验位"],
      [good.slice(0, 17), "18位"],
      ["51011219801301001X", "出生日期"],
    ] as const) {
      const res = await api("longquanyi", "/households", {
        token: admin.token,
        json: { headName: "张三", idNumber, villageCode },
      });
      expect(res.status).toBe(400);
      const p = await problem(res);
      expect(p.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: "idNumber", message: expect.stringContaining(hint) }),
        ]),
      );
    }
    const list = (await (
      await api("longquanyi", `/households?villageCode=${villageCode}`, { token: admin.token })
    ).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it("validates phone, village, monitor kind, causes and member count with per-field messages", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const res = await api("longquanyi", "/households", {
      token: admin.token,
      json: {
        headName: "",
        idNumber: newIdNumber(),
        phone: "1381234567",
        villageCode: "12345",
        status: "monitored",
        causes: ["laziness"],
        memberCount: 31,
      },
    });
    expect(res.status).toBe(400);
    const fields = (await problem(res)).errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["headName", "phone", "villageCode", "causes.0", "memberCount"]));
    const noKind = await api("longquanyi", "/households", {
      token: admin.token,
      json: { headName: "张三", idNumber: newIdNumber(), villageCode, status: "monitored" },
    });
    expect(noKind.status).toBe(400);
    expect((await problem(noKind)).errors?.[0]).toMatchObject({ field: "monitorKind" });
    const exitOnPoor = await api("longquanyi", "/households", {
      token: admin.token,
      json: { headName: "张三", idNumber: newIdNumber(), villageCode, exitYear: 2020 },
    });
    expect((await problem(exitOnPoor)).errors?.[0]).toMatchObject({ field: "exitYear" });
    const unknownVillage = await api("longquanyi", "/households", {
      token: admin.token,
      json: { headName: "张三", idNumber: newIdNumber(), villageCode: `${villageCode.slice(0, 9)}999` },
    });
    expect(unknownVillage.status).toBe(400);
    expect((await problem(unknownVillage)).errors?.[0]).toMatchObject({ field: "villageCode" });
    const unknownGroup = await api("longquanyi", "/households", {
      token: admin.token,
      json: { headName: "张三", idNumber: newIdNumber(), villageCode, groupName: "九组" },
    });
    expect(unknownGroup.status).toBe(400);
    expect((await problem(unknownGroup)).errors?.[0]).toMatchObject({ field: "groupName" });
  });

  it("stores ID number and phone only encrypted: no plain value anywhere in the raw row", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const idNumber = newIdNumber();
    const phone = "13912345678";
    const h = await createHousehold("longquanyi", admin.token, {
      idNumber,
      phone,
      villageCode,
      causes: ["illness", "lack_skills"],
    });
    const raw = await env.TENANT_LONGQUANYI.prepare("SELECT * FROM households WHERE id = ?")
      .bind(h.id)
      .first<Record<string, unknown>>();
    const text = JSON.stringify(raw);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(idNumber.slice(0, 14));
    expect(text).not.toContain(phone);
    expect(text).not.toContain(phone.slice(3));
    // v2: bound to this row (households.id_number:<id>), see "row-bound personal data" below.
    expect(String(raw!.id_number_enc)).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect(String(raw!.phone_enc)).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect(raw!.id_number_hash).toMatch(/^k[0-9a-f]{8}\.[0-9a-f]{64}$/);
    expect(raw!.self_query_hash).toMatch(/^k[0-9a-f]{8}\.[0-9a-f]{64}$/);
    expect(raw).toMatchObject({
      id_number_first4: idNumber.slice(0, 4),
      id_number_last4: idNumber.slice(-4),
      phone_masked: "139****5678",
    });
    // The audit entry holds masks only.
    const audit = await env.TENANT_LONGQUANYI.prepare(
      "SELECT * FROM audit_log WHERE action = 'household.create' ORDER BY seq DESC LIMIT 1",
    ).first();
    expect(JSON.stringify(audit)).not.toContain(idNumber);
    expect(JSON.stringify(audit)).not.toContain(phone);
  });

  it("shows ID numbers and phones masked in list and detail, and finds a household by its whole ID number", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const idNumber = newIdNumber();
    const h = await createHousehold("longquanyi", admin.token, {
      idNumber,
      phone: "13812345678",
      villageCode,
      headName: "刘洋",
    });
    await createHousehold("longquanyi", admin.token, { villageCode, headName: "陈静" });
    const masked = `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;
    const list = await (
      await api("longquanyi", `/households?villageCode=${villageCode}`, { token: admin.token })
    ).text();
    expect(list).toContain(masked);
    expect(list).toContain("138****5678");
    expect(list).not.toContain(idNumber);
    expect(list).not.toContain("13812345678");
    const detail = await (await api("longquanyi", `/households/${h.id}`, { token: admin.token })).text();
    expect(detail).toContain(masked);
    expect(detail).not.toContain(idNumber);
    const found = (await (
      await api("longquanyi", `/households?idNumber=${idNumber.toLowerCase()}`, { token: admin.token })
    ).json()) as { total: number; items: { id: number }[] };
    expect(found.total).toBe(1);
    expect(found.items[0]!.id).toBe(h.id);
    const none = (await (
      await api("longquanyi", `/households?idNumber=${newIdNumber()}`, { token: admin.token })
    ).json()) as { total: number };
    expect(none.total).toBe(0);
    const bad = await api("longquanyi", `/households?idNumber=123`, { token: admin.token });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.field).toBe("idNumber");
    const byName = (await (
      await api("longquanyi", `/households?villageCode=${villageCode}&q=${encodeURIComponent("陈")}`, {
        token: admin.token,
      })
    ).json()) as { total: number };
    expect(byName.total).toBe(1);
  });

  it("refuses a second household with the same ID number (409 on idNumber)", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageCode } = await freshPlace("pingchuan", admin);
    const idNumber = newIdNumber("pingchuan");
    await createHousehold("pingchuan", admin.token, { idNumber, villageCode });
    const dup = await api("pingchuan", "/households", {
      token: admin.token,
      json: { headName: "另一人", idNumber: idNumber.replace(/X$/, "x"), villageCode },
    });
    expect(dup.status).toBe(409);
    expect((await problem(dup)).errors?.[0]?.field).toBe("idNumber");
  });

  it("filters by status, type, cause and township, and pages", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const a = await freshPlace("pingchuan", admin);
    const b = await freshPlace("pingchuan", admin);
    await createHousehold("pingchuan", admin.token, {
      villageCode: a.villageCode,
      type: "minimum_living",
      causes: ["illness"],
    });
    // Statuses are reached only through decisions (tests/rules/household-status.test.ts); set here as if effective.
    const monitored = await createHousehold("pingchuan", admin.token, {
      villageCode: a.villageCode,
      causes: ["disaster", "illness"],
    });
    await setHouseholdStatus("pingchuan", monitored.id, "monitored");
    const exited = await createHousehold("pingchuan", admin.token, { villageCode: a.villageCode });
    await setHouseholdStatus("pingchuan", exited.id, "exited");
    await createHousehold("pingchuan", admin.token, { villageCode: b.villageCode });
    const q = async (query: string) =>
      (await (await api("pingchuan", `/households?${query}`, { token: admin.token })).json()) as {
        total: number;
        items: unknown[];
      };
    expect((await q(`townshipCode=${a.townshipCode}`)).total).toBe(3);
    expect((await q(`townshipCode=${a.townshipCode}&status=monitored`)).total).toBe(1);
    expect((await q(`townshipCode=${a.townshipCode}&type=minimum_living`)).total).toBe(1);
    expect((await q(`townshipCode=${a.townshipCode}&cause=illness`)).total).toBe(2);
    const paged = await q(`townshipCode=${a.townshipCode}&size=2&page=2`);
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(1);
    expect((await api("pingchuan", "/households?status=rich", { token: admin.token })).status).toBe(400);
  });

  it("records members and keeps the household size consistent", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageCode } = await freshPlace("pingchuan", admin);
    const h = await createHousehold("pingchuan", admin.token, {
      villageCode,
      memberCount: 2,
      members: [{ name: "王小明", relation: "子女", birthYear: 2010 }],
    });
    const add = await api("pingchuan", `/households/${h.id}/members`, {
      token: admin.token,
      json: { name: "李梅", relation: "配偶", birthYear: 1982 },
    });
    expect(add.status).toBe(201);
    const detail = (await (await api("pingchuan", `/households/${h.id}`, { token: admin.token })).json()) as {
      memberCount: number;
      members: { id: number; name: string }[];
    };
    expect(detail.members.map((m) => m.name)).toEqual(["王小明", "李梅"]);
    expect(detail.memberCount).toBe(3);
    expect(
      (
        await api("pingchuan", `/households/${h.id}/members`, {
          token: admin.token,
          json: { name: "", relation: "子女" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api("pingchuan", `/households/${h.id}`, { method: "PATCH", token: admin.token, json: { memberCount: 2 } }))
        .status,
    ).toBe(400);
    const del = await api("pingchuan", `/households/${h.id}/members/${detail.members[0]!.id}`, {
      method: "DELETE",
      token: admin.token,
    });
    expect(del.status).toBe(204);
  });
});

describe("revealing personal data", () => {
  it("returns the whole ID number and phone to pii.reveal roles and audits every reveal; cadres get 403", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const idNumber = newIdNumber();
    const h = await createHousehold("longquanyi", admin.token, { idNumber, phone: "13700001111", villageCode });
    const res = await api("longquanyi", `/households/${h.id}/reveal`, {
      token: admin.token,
      json: { reason: "核对低保申请材料" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: h.id, idNumber, phone: "13700001111" });
    const audit = await env.TENANT_LONGQUANYI.prepare(
      "SELECT actor_id, entity_id, after FROM audit_log WHERE action = 'household.reveal_pii' AND entity_id = ?",
    )
      .bind(String(h.id))
      .all();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ actor_id: admin.id });
    expect(JSON.parse(String(audit.results[0]!.after))).toMatchObject({ reason: "核对低保申请材料" });
    expect(JSON.stringify(audit.results[0])).not.toContain(idNumber);

    const c = await cadre("longquanyi");
    await env.TENANT_LONGQUANYI.prepare(
      "INSERT INTO pairings (kind, helper_cadre_id, household_id, start_date) VALUES ('cadre_household', ?, ?, '2024-01-01')",
    )
      .bind(c.id, h.id)
      .run();
    const cadreUser = await signIn("longquanyi", "cadre", { cadreId: c.id });
    expect((await api("longquanyi", `/households/${h.id}`, { token: cadreUser.token })).status).toBe(200);
    expect(
      (await api("longquanyi", `/households/${h.id}/reveal`, { token: cadreUser.token, json: { reason: "入户走访" } }))
        .status,
    ).toBe(403);
    const count = await env.TENANT_LONGQUANYI.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'household.reveal_pii' AND entity_id = ?",
    )
      .bind(String(h.id))
      .first<{ n: number }>();
    expect(count!.n).toBe(1);
  });
});

describe("status changes", () => {
  it("proposes a decision with its notice instead of changing the status, guarded on the status seen", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageCode } = await freshPlace("dazhou", admin);
    const h = await createHousehold("dazhou", admin.token, { villageCode });
    await setHouseholdStatus("dazhou", h.id, "poor");
    const res = await api("dazhou", `/households/${h.id}/status-changes`, {
      token: admin.token,
      json: { fromStatus: "poor", toStatus: "exited", reason: "两不愁三保障达标" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "exit", status: "noticed", householdStatus: "poor" });
    // A second officer still looking at an older status gets 409.
    const stale = await api("dazhou", `/households/${h.id}/status-changes`, {
      token: admin.token,
      json: { fromStatus: "exited", toStatus: "monitored", monitorKind: "marginal", reason: "边缘户" },
    });
    expect(stale.status).toBe(409);
    const events = await env.TENANT_DAZHOU.prepare(
      "SELECT count(*) AS n FROM household_status_events WHERE household_id = ?",
    )
      .bind(h.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(0);
  });

  it("refuses bad changes with field messages: missing monitor kind, future date, empty reason, unknown status", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageCode } = await freshPlace("dazhou", admin);
    const h = await createHousehold("dazhou", admin.token, { villageCode });
    const post = (json: unknown) => api("dazhou", `/households/${h.id}/status-changes`, { token: admin.token, json });
    expect((await problem(await post({ toStatus: "registered", reason: "x" }))).errors?.[0]?.field).toBe("toStatus");
    expect(
      (await problem(await post({ toStatus: "monitored", effectiveDate: "2024-01-01", reason: "x" }))).errors?.[0]
        ?.field,
    ).toBe("monitorKind");
    expect(
      (await problem(await post({ toStatus: "exited", effectiveDate: "2999-01-01", reason: "x" }))).errors?.[0]?.field,
    ).toBe("effectiveDate");
    expect(
      (await problem(await post({ toStatus: "poor", effectiveDate: "2024-01-01", reason: " " }))).errors?.[0]?.field,
    ).toBe("reason");
    expect((await post({ toStatus: "gone", effectiveDate: "2024-01-01", reason: "x" })).status).toBe(400);
  });

  it("cannot be made through PATCH", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageCode } = await freshPlace("dazhou", admin);
    const h = await createHousehold("dazhou", admin.token, { villageCode });
    for (const body of [
      { status: "exited" },
      { headName: "改名", status: "exited" },
      { monitorKind: "marginal" },
      { exitYear: 2020 },
    ]) {
      const res = await api("dazhou", `/households/${h.id}`, { method: "PATCH", token: admin.token, json: body });
      expect(res.status).toBe(400);
      expect((await problem(res)).errors?.[0]?.message).toContain("状态变更");
    }
    const after = (await (await api("dazhou", `/households/${h.id}`, { token: admin.token })).json()) as {
      status: string;
      headName: string;
    };
    expect(after).toMatchObject({ status: "registered", headName: "王大明" });
    const ok = await api("dazhou", `/households/${h.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { headName: "王明", phone: "13600001234", causes: ["lack_water"] },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      headName: "王明",
      phoneMasked: "136****1234",
      causes: ["lack_water"],
      status: "registered",
    });
  });

  it("recomputes the self-query hash when the head's name changes", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageCode } = await freshPlace("dazhou", admin);
    const h = await createHousehold("dazhou", admin.token, { villageCode });
    const before = await env.TENANT_DAZHOU.prepare(
      "SELECT self_query_hash AS s, id_number_hash AS i FROM households WHERE id = ?",
    )
      .bind(h.id)
      .first<{ s: string; i: string }>();
    expect(
      (
        await api("dazhou", `/households/${h.id}`, {
          method: "PATCH",
          token: admin.token,
          json: { headName: "王二明" },
        })
      ).status,
    ).toBe(200);
    const after = await env.TENANT_DAZHOU.prepare(
      "SELECT self_query_hash AS s, id_number_hash AS i FROM households WHERE id = ?",
    )
      .bind(h.id)
      .first<{ s: string; i: string }>();
    expect(after!.s).not.toBe(before!.s);
    expect(after!.i).toBe(before!.i);
  });
});

describe("scope and tenancy", () => {
  it("lets a township officer see and edit only households of their township (others are 404)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const mine = await freshPlace("longquanyi", admin);
    const other = await freshPlace("longquanyi", admin);
    const inside = await createHousehold("longquanyi", admin.token, { villageCode: mine.villageCode });
    const outside = await createHousehold("longquanyi", admin.token, { villageCode: other.villageCode });
    const officer = await signIn("longquanyi", "township_officer", { townshipCode: mine.townshipCode });
    const list = (await (await api("longquanyi", "/households?size=200", { token: officer.token })).json()) as {
      items: { id: number }[];
    };
    expect(list.items.map((i) => i.id)).toContain(inside.id);
    expect(list.items.map((i) => i.id)).not.toContain(outside.id);
    expect((await api("longquanyi", `/households/${inside.id}`, { token: officer.token })).status).toBe(200);
    expect((await api("longquanyi", `/households/${outside.id}`, { token: officer.token })).status).toBe(404);
    expect(
      (
        await api("longquanyi", `/households/${outside.id}`, {
          method: "PATCH",
          token: officer.token,
          json: { headName: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api("longquanyi", `/households/${outside.id}/status-changes`, {
          token: officer.token,
          json: { toStatus: "exited", effectiveDate: "2024-01-01", reason: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api("longquanyi", `/households/${outside.id}/reveal`, {
          token: officer.token,
          json: { reason: "核对信息" },
        })
      ).status,
    ).toBe(404);
    // Creating in another township's village is refused on the field.
    const create = await api("longquanyi", "/households", {
      token: officer.token,
      json: { headName: "x", idNumber: newIdNumber(), villageCode: other.villageCode },
    });
    expect(create.status).toBe(400);
    expect((await problem(create)).errors?.[0]?.field).toBe("villageCode");
    expect(
      (
        await api("longquanyi", "/households", {
          token: officer.token,
          json: { headName: "本镇户", idNumber: newIdNumber(), villageCode: mine.villageCode },
        })
      ).status,
    ).toBe(201);
    // Searching for an outside ID number finds nothing.
    expect(
      (
        (await (
          await api("longquanyi", `/households?idNumber=${makeIdNumber("51011219800101999")}`, { token: officer.token })
        ).json()) as { total: number }
      ).total,
    ).toBe(0);
  });

  it("shows a cadre only the households paired with them, and lets them change nothing", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageCode } = await freshPlace("pingchuan", admin);
    const paired = await createHousehold("pingchuan", admin.token, { villageCode });
    const unpaired = await createHousehold("pingchuan", admin.token, { villageCode });
    const c = await cadre("pingchuan");
    await env.TENANT_PINGCHUAN.prepare(
      "INSERT INTO pairings (kind, helper_cadre_id, household_id, start_date) VALUES ('cadre_household', ?, ?, '2024-01-01')",
    )
      .bind(c.id, paired.id)
      .run();
    const me = await signIn("pingchuan", "cadre", { cadreId: c.id });
    const list = (await (await api("pingchuan", "/households", { token: me.token })).json()) as {
      items: { id: number }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([paired.id]);
    expect((await api("pingchuan", `/households/${unpaired.id}`, { token: me.token })).status).toBe(404);
    expect(
      (
        await api("pingchuan", "/households", {
          token: me.token,
          json: { headName: "x", idNumber: newIdNumber("pingchuan"), villageCode },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("pingchuan", `/households/${paired.id}`, {
          method: "PATCH",
          token: me.token,
          json: { headName: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("pingchuan", `/households/${paired.id}/status-changes`, {
          token: me.token,
          json: { toStatus: "exited", effectiveDate: "2024-01-01", reason: "x" },
        })
      ).status,
    ).toBe(403);
  });

  it("answers 404 for another tenant's household ids, and 401 without a session", async () => {
    const a = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", a);
    await nextIdOnlyIn("longquanyi", "households", "pingchuan");
    const h = await createHousehold("longquanyi", a.token, { villageCode });
    const b = await signIn("pingchuan", "county_admin");
    // A real household of longquanyi under an id pingchuan does not have.
    const foreign = h.id;
    await expectNoRow("pingchuan", "households", foreign);
    expect((await api("pingchuan", `/households/${foreign}`, { token: b.token })).status).toBe(404);
    expect(
      (await api("pingchuan", `/households/${foreign}/reveal`, { token: b.token, json: { reason: "核对信息" } }))
        .status,
    ).toBe(404);
    expect((await api("pingchuan", `/households/${foreign}/status-changes`, { token: b.token })).status).toBe(404);
    // longquanyi's session is not valid in pingchuan.
    expect((await api("pingchuan", `/households/${h.id}`, { token: a.token })).status).toBe(401);
    expect((await api("longquanyi", `/households/${h.id}`)).status).toBe(401);
    expect((await api("longquanyi", `/households/abc`, { token: a.token })).status).toBe(400);
  });
});

describe("API description", () => {
  it("documents the household routes in the OpenAPI document, without a status field to PATCH", async () => {
    const { call } = await import("../helpers/http.ts");
    const doc = (await (await call("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const p of [
      "/households",
      "/households/export",
      "/households/{id}",
      "/households/{id}/reveal",
      "/households/{id}/members",
      "/households/{id}/status-changes",
    ]) {
      expect(Object.keys(doc.paths)).toContain(`/t/{tenant}/api/v1${p}`);
    }
    expect(JSON.stringify(doc.paths["/t/{tenant}/api/v1/households"])).toContain("HouseholdCreate");
    expect(JSON.stringify(doc.paths["/t/{tenant}/api/v1/households/{id}/status-changes"])).toContain(
      "HouseholdStatusChangeInput",
    );
  });
});

describe("reveal reasons", () => {
  it("requires a reason of 2–200 characters: none, blank, 1 or 201 characters are 400 with a Chinese message and no reveal", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const h = await createHousehold("longquanyi", admin.token, { villageCode });
    for (const body of [{}, { reason: "   " }, { reason: "查" }, { reason: "查".repeat(201) }]) {
      const res = await api("longquanyi", `/households/${h.id}/reveal`, { token: admin.token, json: body });
      expect(res.status).toBe(400);
      const p = await problem(res);
      expect(p.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: "reason", message: expect.stringMatching(/原因/) })]),
      );
    }
    const count = await env.TENANT_LONGQUANYI.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'household.reveal_pii' AND entity_id = ?",
    )
      .bind(String(h.id))
      .first<{ n: number }>();
    expect(count!.n).toBe(0);
    const ok = await api("longquanyi", `/households/${h.id}/reveal`, { token: admin.token, json: { reason: "核对" } });
    expect(ok.status).toBe(200);
  });
});

describe("row-bound personal data", () => {
  it("refuses to reveal an ID number copied from another household's row (422, not the other person's number)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const aId = newIdNumber();
    const a = await createHousehold("longquanyi", admin.token, { villageCode, idNumber: aId, phone: "13600002222" });
    const b = await createHousehold("longquanyi", admin.token, { villageCode });
    await env.TENANT_LONGQUANYI.prepare(
      "UPDATE households SET id_number_enc = (SELECT id_number_enc FROM households WHERE id = ?1), phone_enc = (SELECT phone_enc FROM households WHERE id = ?1) WHERE id = ?2",
    )
      .bind(a.id, b.id)
      .run();
    const res = await api("longquanyi", `/households/${b.id}/reveal`, {
      token: admin.token,
      json: { reason: "核对身份信息" },
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain("无法解密");
    expect(text).not.toContain(aId);
    expect(text).not.toContain("13600002222");
    // The household the ciphertext belongs to still reveals normally.
    const own = await api("longquanyi", `/households/${a.id}/reveal`, { token: admin.token, json: { reason: "核对" } });
    expect(((await own.json()) as { idNumber: string }).idNumber).toBe(aId);
    // A refused reveal writes no reveal entry.
    const count = await env.TENANT_LONGQUANYI.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'household.reveal_pii' AND entity_id = ?",
    )
      .bind(String(b.id))
      .first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it("still reveals a v1 ciphertext written before row binding (column-only context)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const idNumber = newIdNumber();
    const h = await createHousehold("longquanyi", admin.token, { villageCode, idNumber });
    const keys = await derivePiiKeys(env.PII_MASTER_KEY, "longquanyi");
    await env.TENANT_LONGQUANYI.prepare("UPDATE households SET id_number_enc = ?, phone_enc = NULL WHERE id = ?")
      .bind(await encryptPii(keys, idNumber, "households.id_number"), h.id)
      .run();
    const res = await api("longquanyi", `/households/${h.id}/reveal`, { token: admin.token, json: { reason: "核对" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { idNumber: string }).idNumber).toBe(idNumber);
  });
});
