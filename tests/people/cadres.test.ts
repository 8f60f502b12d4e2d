import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { api, problem } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";
import { cadreSession, createCadre, createUnit, freshPhone } from "./fixtures.ts";

describe("cadres: personal data", () => {
  it("stores the phone encrypted (no plain digits in the row), lists it masked, reveals it whole only with an audit entry", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const unit = await createUnit("longquanyi", admin.token);
    const phone = freshPhone();
    const cadre = await createCadre("longquanyi", admin.token, unit.id, {
      phone,
      officePhone: "028-84567890",
      position: "副局长",
    });
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    expect(cadre.phoneMasked).toBe(masked);

    const raw = await env.TENANT_LONGQUANYI.prepare("SELECT * FROM cadres WHERE id = ?")
      .bind(cadre.id)
      .first<Record<string, unknown>>();
    expect(JSON.stringify(raw)).not.toContain(phone);
    expect(JSON.stringify(raw)).not.toContain(phone.slice(3));
    expect(String(raw!.phone_enc)).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect(raw!.phone_hash).toMatch(/^k[0-9a-f]{8}\.[0-9a-f]{64}$/);
    expect(raw!.office_phone).toBe("028-84567890");

    const list = await (await api("longquanyi", `/cadres?unitId=${unit.id}`, { token: admin.token })).text();
    expect(list).toContain(masked);
    expect(list).not.toContain(phone);
    const csv = new TextDecoder().decode(
      await (await api("longquanyi", `/cadres/export?unitId=${unit.id}`, { token: admin.token })).arrayBuffer(),
    );
    expect(csv).toContain(masked);
    expect(csv).not.toContain(phone);
    // A whole number finds its owner through the keyed hash.
    const byPhone = (await (await api("longquanyi", `/cadres?q=${phone}`, { token: admin.token })).json()) as {
      items: { id: number }[];
    };
    expect(byPhone.items.map((i) => i.id)).toEqual([cadre.id]);

    const unreasoned = await api("longquanyi", `/cadres/${cadre.id}/reveal-phone`, { token: admin.token, json: {} });
    expect(unreasoned.status).toBe(400);
    expect(await unreasoned.text()).not.toContain(phone);
    const reveal = await api("longquanyi", `/cadres/${cadre.id}/reveal-phone`, {
      token: admin.token,
      json: { reason: "联系驻村事宜" },
    });
    expect(await reveal.json()).toEqual({ id: cadre.id, phone });
    const audit = await env.TENANT_LONGQUANYI.prepare(
      "SELECT actor_id, after FROM audit_log WHERE action = 'cadre.reveal_phone' AND entity_id = ?",
    )
      .bind(String(cadre.id))
      .all<{ actor_id: number; after: string }>();
    expect(audit.results).toEqual([expect.objectContaining({ actor_id: admin.id })]);
    expect(JSON.parse(audit.results[0]!.after)).toMatchObject({ reason: "联系驻村事宜" });
    expect(audit.results[0]!.after).not.toContain(phone);
    const created = await env.TENANT_LONGQUANYI.prepare(
      "SELECT after FROM audit_log WHERE action = 'cadre.create' AND after LIKE ?",
    )
      .bind(`%${cadre.name}%`)
      .first<{ after: string }>();
    expect(created!.after).not.toContain(phone);

    const cadreUser = await cadreSession("longquanyi", admin.token, cadre.id);
    expect(
      (
        await api("longquanyi", `/cadres/${cadre.id}/reveal-phone`, {
          token: cadreUser.token,
          json: { reason: "联系" },
        })
      ).status,
    ).toBe(403);
  });

  it("refuses a duplicate (same name, unit and phone) with 409 naming the existing record", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const unit = await createUnit("longquanyi", admin.token);
    const name = uniqueName("张");
    const phone = freshPhone();
    const first = await createCadre("longquanyi", admin.token, unit.id, { name, phone });
    // The same number typed differently is the same phone.
    const dup = await api("longquanyi", "/cadres", {
      token: admin.token,
      json: { name, unitId: unit.id, phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3)}` },
    });
    expect(dup.status).toBe(409);
    expect((await problem(dup)).detail).toContain(`干部编号 ${first.id}`);
    // Another phone, or another unit, is another person.
    await createCadre("longquanyi", admin.token, unit.id, { name, phone: freshPhone() });
    const unit2 = await createUnit("longquanyi", admin.token);
    await createCadre("longquanyi", admin.token, unit2.id, { name, phone });
    // Editing a record into a duplicate is refused too.
    const third = await createCadre("longquanyi", admin.token, unit.id);
    const edit = await api("longquanyi", `/cadres/${third.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { name, phone },
    });
    expect(edit.status).toBe(409);
  });

  it("validates input per field and filters by unit, reserve pool and party membership", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const bad = await api("longquanyi", "/cadres", {
      token: admin.token,
      json: { name: "", unitId: "x", phone: "12345", partyMember: "maybe" },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(["name", "partyMember", "phone", "unitId"]);
    const noUnit = await api("longquanyi", "/cadres", { token: admin.token, json: { name: "李四", unitId: 999999 } });
    expect(noUnit.status).toBe(400);
    expect((await problem(noUnit)).errors?.[0]?.field).toBe("unitId");

    const unit = await createUnit("longquanyi", admin.token);
    await createCadre("longquanyi", admin.token, unit.id, { reservePool: true, partyMember: true });
    await createCadre("longquanyi", admin.token, unit.id, { reservePool: true, partyMember: false });
    await createCadre("longquanyi", admin.token, unit.id, { reservePool: false });
    const reserve = (await (
      await api("longquanyi", `/cadres?unitId=${unit.id}&reservePool=true`, { token: admin.token })
    ).json()) as { total: number };
    expect(reserve.total).toBe(2);
    const nonParty = (await (
      await api("longquanyi", `/cadres?unitId=${unit.id}&partyMember=false`, { token: admin.token })
    ).json()) as { total: number; items: { reservePool: boolean }[] };
    expect(nonParty.total).toBe(1);
    expect(nonParty.items[0]!.reservePool).toBe(true);
  });

  it("keeps a cadre-role user to their own record; other tenants get 404; only the county admin manages", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const unit = await createUnit("longquanyi", admin.token);
    await nextIdOnlyIn("longquanyi", "cadres", "pingchuan");
    const mine = await createCadre("longquanyi", admin.token, unit.id);
    await expectNoRow("pingchuan", "cadres", mine.id);
    const theirs = await createCadre("longquanyi", admin.token, unit.id);
    const me = await cadreSession("longquanyi", admin.token, mine.id);
    expect((await api("longquanyi", `/cadres/${mine.id}`, { token: me.token })).status).toBe(200);
    expect((await api("longquanyi", `/cadres/${theirs.id}`, { token: me.token })).status).toBe(404);
    const list = (await (await api("longquanyi", "/cadres", { token: me.token })).json()) as {
      items: { id: number }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
    expect(
      (await api("longquanyi", `/cadres/${mine.id}`, { method: "PATCH", token: me.token, json: { name: "改名" } }))
        .status,
    ).toBe(403);
    const officer = await signIn("longquanyi", "township_officer");
    expect(
      (await api("longquanyi", "/cadres", { token: officer.token, json: { name: "x", unitId: unit.id } })).status,
    ).toBe(403);
    const other = await signIn("pingchuan", "county_admin");
    expect((await api("pingchuan", `/cadres/${mine.id}`, { token: other.token })).status).toBe(404);
    expect(
      (await api("pingchuan", `/cadres/${mine.id}/reveal-phone`, { token: other.token, json: { reason: "联系" } }))
        .status,
    ).toBe(404);
  });
});

describe("linking users to cadre records", () => {
  it("sets cadreId only for the cadre role and only to an existing cadre", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const unit = await createUnit("longquanyi", admin.token);
    const cadre = await createCadre("longquanyi", admin.token, unit.id);
    const finance = await signIn("longquanyi", "finance_officer");
    const wrongRole = await api("longquanyi", `/users/${finance.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { cadreId: cadre.id },
    });
    expect(wrongRole.status).toBe(400);
    expect((await problem(wrongRole)).errors?.[0]?.field).toBe("cadreId");
    const u = await signIn("longquanyi", "cadre");
    expect(
      (await api("longquanyi", `/users/${u.id}`, { method: "PATCH", token: admin.token, json: { cadreId: 999999 } }))
        .status,
    ).toBe(400);
    const ok = await api("longquanyi", `/users/${u.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { cadreId: cadre.id },
    });
    expect(await ok.json()).toMatchObject({ id: u.id, cadreId: cadre.id });
    const created = await api("longquanyi", "/users", {
      token: admin.token,
      json: {
        username: uniqueName("cad"),
        displayName: "王五",
        role: "auditor",
        password: "correct-horse-1",
        cadreId: cadre.id,
      },
    });
    expect(created.status).toBe(400);
    // The link takes effect in the user's session at once.
    expect((await api("longquanyi", `/cadres/${cadre.id}`, { token: u.token })).status).toBe(200);
  });
});

describe("row-bound cadre phone", () => {
  it("refuses to reveal a phone ciphertext copied from another cadre's row (422), and the owner's still reveals", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const unit = await createUnit("longquanyi", admin.token);
    const mk = async (name: string, phone: string) =>
      (await (
        await api("longquanyi", "/cadres", { token: admin.token, json: { name, unitId: unit.id, phone } })
      ).json()) as { id: number };
    const a = await mk("钱七", "13811112222");
    const b = await mk("孙八", "13833334444");
    const raw = await env.TENANT_LONGQUANYI.prepare("SELECT phone_enc FROM cadres WHERE id = ?")
      .bind(a.id)
      .first<{ phone_enc: string }>();
    expect(raw!.phone_enc).toMatch(/^v3\.k[0-9a-f]{8}\./);
    await env.TENANT_LONGQUANYI.prepare("UPDATE cadres SET phone_enc = ? WHERE id = ?")
      .bind(raw!.phone_enc, b.id)
      .run();
    const res = await api("longquanyi", `/cadres/${b.id}/reveal-phone`, {
      token: admin.token,
      json: { reason: "联系" },
    });
    expect(res.status).toBe(422);
    expect(await res.text()).not.toContain("13811112222");
    const own = await api("longquanyi", `/cadres/${a.id}/reveal-phone`, {
      token: admin.token,
      json: { reason: "联系" },
    });
    expect(await own.json()).toEqual({ id: a.id, phone: "13811112222" });
  });
});
