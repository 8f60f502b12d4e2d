import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";
import { assign, assigned, cadreSession, createCadre, createUnit, township } from "./fixtures.ts";

type A = {
  id: number;
  status: string;
  endReason: string | null;
  endNote: string | null;
  endDate: string | null;
  replacedById: number | null;
  cadreId: number;
  role: string;
  villageCode: string;
  startDate: string;
};

async function setup(tenant = "longquanyi") {
  const admin = await signIn(tenant, "county_admin");
  const unit = await createUnit(tenant, admin.token);
  const t = await township(tenant, admin.token, 2);
  return { admin, unit, t };
}

describe("one active first secretary per village", () => {
  it("refuses a second first secretary (409 naming the incumbent) and allows one after the first ends", async () => {
    const { admin, unit, t } = await setup();
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      // 副科级: a county unit's cadre who may lead a team, so only the one-per-village rule refuses below.
      await createCadre("longquanyi", admin.token, unit.id, { rank: "deputy_section" }),
    ];
    const v = t.villages[0]!.code;
    const first = await assigned("longquanyi", admin.token, a.id, v, "first_secretary");
    const second = await assign("longquanyi", admin.token, b.id, v, "first_secretary");
    expect(second.status).toBe(409);
    expect((await problem(second)).detail).toContain(`驻村任务编号 ${first.id}`);
    // Team members are not limited; the same cadre twice in one village is.
    await assigned("longquanyi", admin.token, b.id, v, "team_member");
    const twice = await assign("longquanyi", admin.token, b.id, v, "team_leader");
    expect(twice.status).toBe(409);
    expect((await problem(twice)).detail).toContain("已有在岗的驻村任务");
    // The other village may have its own first secretary.
    await assigned("longquanyi", admin.token, b.id, t.villages[1]!.code, "first_secretary");

    const end = await api("longquanyi", `/assignments/${first.id}/end`, {
      token: admin.token,
      json: { status: "completed", date: "2025-12-31" },
    });
    expect(end.status).toBe(200);
    const c = await createCadre("longquanyi", admin.token, unit.id);
    await assigned("longquanyi", admin.token, c.id, v, "first_secretary", "2026-01-01");
  });

  it("lets exactly one of two simultaneous first-secretary assignments in (the other gets 409, from the check or the unique index)", async () => {
    const { admin, unit, t } = await setup();
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      await createCadre("longquanyi", admin.token, unit.id),
    ];
    const v = t.villages[0]!.code;
    // Two requests at once: both pass the pre-check, the index lets exactly one in.
    const results = await Promise.all([
      assign("longquanyi", admin.token, a.id, v, "first_secretary"),
      assign("longquanyi", admin.token, b.id, v, "first_secretary"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const active = await env.TENANT_LONGQUANYI.prepare(
      "SELECT count(*) AS n FROM assignments a JOIN villages v ON v.id = a.village_id WHERE v.code = ? AND a.role = 'first_secretary' AND a.status = 'active'",
    )
      .bind(v)
      .first<{ n: number }>();
    expect(active!.n).toBe(1);
  });

  it("validates input per field", async () => {
    const { admin, unit, t } = await setup();
    const a = await createCadre("longquanyi", admin.token, unit.id);
    const bad = await api("longquanyi", "/assignments", {
      token: admin.token,
      json: { cadreId: a.id, villageCode: "12345", role: "mayor", startDate: "2025-02-30" },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(["role", "startDate", "villageCode"]);
    const noVillage = await api("longquanyi", "/assignments", {
      token: admin.token,
      json: { cadreId: a.id, villageCode: `${t.code}999`, role: "team_member", startDate: "2025-01-01" },
    });
    expect((await problem(noVillage)).errors?.[0]?.field).toBe("villageCode");
    const noCadre = await api("longquanyi", "/assignments", {
      token: admin.token,
      json: { cadreId: 999999, villageCode: t.villages[0]!.code, role: "team_member", startDate: "2025-01-01" },
    });
    expect((await problem(noCadre)).errors?.[0]?.field).toBe("cadreId");
  });
});

describe("ending and replacing", () => {
  it("records why an assignment ended, and refuses to end it twice (409)", async () => {
    const { admin, unit, t } = await setup();
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      await createCadre("longquanyi", admin.token, unit.id),
    ];
    const x = await assigned("longquanyi", admin.token, a.id, t.villages[0]!.code, "team_member");
    const y = await assigned("longquanyi", admin.token, b.id, t.villages[0]!.code, "team_member");
    const noReason = await api("longquanyi", `/assignments/${x.id}/end`, {
      token: admin.token,
      json: { status: "recalled", date: "2025-06-30" },
    });
    expect(noReason.status).toBe(400);
    expect((await problem(noReason)).errors?.[0]?.field).toBe("reason");
    const otherNoNote = await api("longquanyi", `/assignments/${x.id}/end`, {
      token: admin.token,
      json: { status: "recalled", date: "2025-06-30", reason: "other" },
    });
    expect((await problem(otherNoNote)).errors?.[0]?.field).toBe("note");
    const early = await api("longquanyi", `/assignments/${x.id}/end`, {
      token: admin.token,
      json: { status: "completed", date: "2023-12-31" },
    });
    expect((await problem(early)).errors?.[0]?.field).toBe("date");
    expect(
      (
        await api("longquanyi", `/assignments/${x.id}/end`, {
          token: admin.token,
          json: { status: "replaced", date: "2025-06-30", reason: "unfit" },
        })
      ).status,
    ).toBe(400);

    const recalled = await api("longquanyi", `/assignments/${x.id}/end`, {
      token: admin.token,
      json: { status: "recalled", date: "2025-06-30", reason: "long_absent", note: "连续两个月不在岗" },
    });
    expect(await recalled.json()).toMatchObject({
      status: "recalled",
      endReason: "long_absent",
      endNote: "连续两个月不在岗",
      endDate: "2025-06-30",
    });
    const completed = (await (
      await api("longquanyi", `/assignments/${y.id}/end`, {
        token: admin.token,
        json: { status: "completed", date: "2025-12-31" },
      })
    ).json()) as A;
    expect(completed).toMatchObject({ status: "completed", endReason: "term_completed" });

    const again = await api("longquanyi", `/assignments/${x.id}/end`, {
      token: admin.token,
      json: { status: "completed", date: "2025-12-31" },
    });
    expect(again.status).toBe(409);
    expect(
      (await api("longquanyi", `/assignments/${x.id}`, { token: admin.token }).then((r) => r.json())) as A,
    ).toMatchObject({ status: "recalled", endReason: "long_absent" });
    const audit = await env.TENANT_LONGQUANYI.prepare(
      "SELECT after FROM audit_log WHERE action = 'assignment.end' AND entity_id = ?",
    )
      .bind(String(x.id))
      .all<{ after: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.after).toContain("long_absent");
  });

  it("replaces in one step: the old one ends as replaced with the reason, the successor starts the same day", async () => {
    const { admin, unit, t } = await setup();
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      await createCadre("longquanyi", admin.token, unit.id),
    ];
    const v = t.villages[0]!.code;
    const old = await assigned("longquanyi", admin.token, a.id, v, "first_secretary");
    const res = await api("longquanyi", `/assignments/${old.id}/replace`, {
      token: admin.token,
      json: { newCadreId: b.id, date: "2025-03-01", reason: "wrong_unit", note: "派出单位与村无关联" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { replaced: A; successor: A };
    expect(body.replaced).toMatchObject({
      id: old.id,
      status: "replaced",
      endReason: "wrong_unit",
      endNote: "派出单位与村无关联",
      endDate: "2025-03-01",
      replacedById: body.successor.id,
    });
    expect(body.successor).toMatchObject({
      cadreId: b.id,
      role: "first_secretary",
      status: "active",
      startDate: "2025-03-01",
      villageCode: v,
    });
    expect(
      (
        await api("longquanyi", `/assignments/${old.id}/replace`, {
          token: admin.token,
          json: { newCadreId: a.id, date: "2025-04-01", reason: "unfit" },
        })
      ).status,
    ).toBe(409);
    const fs = (await (
      await api("longquanyi", `/assignments?villageCode=${v}&role=first_secretary&status=active`, {
        token: admin.token,
      })
    ).json()) as { items: A[] };
    expect(fs.items.map((i) => i.cadreId)).toEqual([b.id]);
  });

  it("is all or nothing: a successor already serving in the village is refused and the old assignment stays active", async () => {
    const { admin, unit, t } = await setup();
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      await createCadre("longquanyi", admin.token, unit.id),
    ];
    const v = t.villages[0]!.code;
    const old = await assigned("longquanyi", admin.token, a.id, v, "first_secretary");
    await assigned("longquanyi", admin.token, b.id, v, "team_member");
    const res = await api("longquanyi", `/assignments/${old.id}/replace`, {
      token: admin.token,
      json: { newCadreId: b.id, date: "2025-03-01", reason: "unfit" },
    });
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("原任务保持在岗");
    const after = (await (await api("longquanyi", `/assignments/${old.id}`, { token: admin.token })).json()) as A;
    expect(after).toMatchObject({ status: "active", endDate: null, endReason: null, replacedById: null });
    const rows = await env.TENANT_LONGQUANYI.prepare("SELECT count(*) AS n FROM assignments WHERE cadre_id = ?")
      .bind(b.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
    const self = await api("longquanyi", `/assignments/${old.id}/replace`, {
      token: admin.token,
      json: { newCadreId: a.id, date: "2025-03-01", reason: "unfit" },
    });
    expect((await problem(self)).errors?.[0]?.field).toBe("newCadreId");
    const noReason = await api("longquanyi", `/assignments/${old.id}/replace`, {
      token: admin.token,
      json: { newCadreId: b.id, date: "2025-03-01", reason: "term_completed" },
    });
    expect((await problem(noReason)).errors?.[0]?.field).toBe("reason");
  });
});

describe("lists and scope", () => {
  it("lists per village and per cadre with filters and paging", async () => {
    const { admin, unit, t } = await setup();
    const cs = [];
    for (let i = 0; i < 3; i++) cs.push(await createCadre("longquanyi", admin.token, unit.id, { rank: "section" }));
    for (const c of cs) await assigned("longquanyi", admin.token, c.id, t.villages[0]!.code, "team_member");
    await assigned("longquanyi", admin.token, cs[0]!.id, t.villages[1]!.code, "team_leader");
    const perVillage = (await (
      await api("longquanyi", `/assignments?villageCode=${t.villages[0]!.code}&size=2`, { token: admin.token })
    ).json()) as { total: number; items: A[] };
    expect(perVillage.total).toBe(3);
    expect(perVillage.items).toHaveLength(2);
    const perCadre = (await (
      await api("longquanyi", `/assignments?cadreId=${cs[0]!.id}`, { token: admin.token })
    ).json()) as { total: number };
    expect(perCadre.total).toBe(2);
    const leaders = (await (
      await api("longquanyi", `/assignments?townshipCode=${t.code}&role=team_leader`, { token: admin.token })
    ).json()) as { total: number };
    expect(leaders.total).toBe(1);
    const csv = new TextDecoder().decode(
      await (
        await api("longquanyi", `/assignments/export?townshipCode=${t.code}`, { token: admin.token })
      ).arrayBuffer(),
    );
    expect(csv).toContain("驻村工作队队长");
    expect((await api("longquanyi", "/assignments?status=retired", { token: admin.token })).status).toBe(400);
  });

  it("shows a cadre only their own assignments (404 for others) and lets them record their own attendance", async () => {
    const { admin, unit, t } = await setup();
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      await createCadre("longquanyi", admin.token, unit.id),
    ];
    const mine = await assigned("longquanyi", admin.token, a.id, t.villages[0]!.code, "team_member");
    const colleague = await assigned("longquanyi", admin.token, b.id, t.villages[0]!.code, "team_member");
    const me = await cadreSession("longquanyi", admin.token, a.id);
    const list = (await (await api("longquanyi", "/assignments", { token: me.token })).json()) as { items: A[] };
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
    expect((await api("longquanyi", `/assignments/${colleague.id}`, { token: me.token })).status).toBe(404);
    expect(
      (
        await api("longquanyi", `/assignments/${colleague.id}/attendance/2025-03`, {
          method: "PUT",
          token: me.token,
          json: { days: 20 },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api("longquanyi", `/assignments/${mine.id}/attendance/2025-03`, {
          method: "PUT",
          token: me.token,
          json: { days: 20 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api("longquanyi", `/assignments/${mine.id}/end`, {
          token: me.token,
          json: { status: "completed", date: "2025-12-31" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("longquanyi", "/assignments", {
          token: me.token,
          json: { cadreId: a.id, villageCode: t.villages[1]!.code, role: "team_member", startDate: "2025-01-01" },
        })
      ).status,
    ).toBe(403);
    // Once ended, the cadre can no longer record for it.
    await api("longquanyi", `/assignments/${mine.id}/end`, {
      token: admin.token,
      json: { status: "completed", date: "2025-12-31" },
    });
    expect(
      (
        await api("longquanyi", `/assignments/${mine.id}/attendance/2025-04`, {
          method: "PUT",
          token: me.token,
          json: { days: 20 },
        })
      ).status,
    ).toBe(409);
    // A cadre-role user without a linked record sees nothing.
    const unlinked = await signIn("longquanyi", "cadre");
    expect(
      ((await (await api("longquanyi", "/assignments", { token: unlinked.token })).json()) as { total: number }).total,
    ).toBe(0);
  });

  it("keeps township officers to their township: create, end and read there, 404 elsewhere", async () => {
    const { admin, unit, t } = await setup();
    const other = await township("longquanyi", admin.token, 1);
    const [a, b] = [
      await createCadre("longquanyi", admin.token, unit.id),
      await createCadre("longquanyi", admin.token, unit.id),
    ];
    const officer = await signIn("longquanyi", "township_officer", { townshipCode: t.code });
    const here = await assigned("longquanyi", officer.token, a.id, t.villages[0]!.code, "first_secretary");
    expect((await assign("longquanyi", officer.token, b.id, other.villages[0]!.code)).status).toBe(404);
    const there = await assigned("longquanyi", admin.token, b.id, other.villages[0]!.code);
    expect((await api("longquanyi", `/assignments/${there.id}`, { token: officer.token })).status).toBe(404);
    expect(
      (
        await api("longquanyi", `/assignments/${there.id}/end`, {
          token: officer.token,
          json: { status: "completed", date: "2025-12-31" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api("longquanyi", `/assignments/${there.id}/replace`, {
          token: officer.token,
          json: { newCadreId: a.id, date: "2025-12-31", reason: "unfit" },
        })
      ).status,
    ).toBe(404);
    const list = (await (await api("longquanyi", "/assignments", { token: officer.token })).json()) as { items: A[] };
    expect(list.items.map((i) => i.id)).toEqual([here.id]);
    expect(
      (
        await api("longquanyi", `/assignments/${here.id}/end`, {
          token: officer.token,
          json: { status: "recalled", date: "2025-05-31", reason: "unfit" },
        })
      ).status,
    ).toBe(200);
  });

  it("gives other tenants' ids a 404", async () => {
    const { admin, unit, t } = await setup();
    await nextIdOnlyIn("longquanyi", "cadres", "pingchuan");
    const a = await createCadre("longquanyi", admin.token, unit.id);
    await nextIdOnlyIn("longquanyi", "assignments", "pingchuan");
    const x = await assigned("longquanyi", admin.token, a.id, t.villages[0]!.code);
    await expectNoRow("pingchuan", "assignments", x.id);
    const other = await signIn("pingchuan", "county_admin");
    expect((await api("pingchuan", `/assignments/${x.id}`, { token: other.token })).status).toBe(404);
    expect(
      (
        await api("pingchuan", `/assignments/${x.id}/end`, {
          token: other.token,
          json: { status: "completed", date: "2025-12-31" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api("pingchuan", `/assignments/${x.id}/attendance/2025-01`, {
          method: "PUT",
          token: other.token,
          json: { days: 3 },
        })
      ).status,
    ).toBe(404);
    expect((await api("pingchuan", `/assignments/${x.id}/attendance`, { token: other.token })).status).toBe(404);
    // A cadre id of tenant A is not a cadre in tenant B.
    await expectNoRow("pingchuan", "cadres", a.id);
    const pt = await township("pingchuan", other.token, 1);
    const res = await assign("pingchuan", other.token, a.id, pt.villages[0]!.code);
    expect(res.status).toBe(400);
    expect((await problem(res)).errors).toEqual([{ field: "cadreId", message: "没有这名干部" }]);
  });
});

describe("a resident team has 3–5 members (seed 000)", () => {
  it("refuses a sixth active member (409 naming the rule), also when the last two places are asked for at once", async () => {
    const { admin, unit, t } = await setup();
    const v = t.villages[0]!.code;
    const cadres = [];
    for (let i = 0; i < 7; i++) cadres.push(await createCadre("longquanyi", admin.token, unit.id));
    for (const c of cadres.slice(0, 4)) await assigned("longquanyi", admin.token, c.id, v, "team_member");
    // Two requests race for the fifth and last place: exactly one gets it.
    const racing = await Promise.all(cadres.slice(4, 6).map((c) => assign("longquanyi", admin.token, c.id, v)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    const sixth = await assign("longquanyi", admin.token, cadres[6]!.id, v);
    expect(sixth.status).toBe(409);
    expect((await problem(sixth)).detail).toContain("3–5 人");
    const active = await env.TENANT_LONGQUANYI.prepare(
      "SELECT count(*) AS n FROM assignments a JOIN villages v ON v.id = a.village_id WHERE v.code = ? AND a.status = 'active'",
    )
      .bind(v)
      .first<{ n: number }>();
    expect(active!.n).toBe(5);
  });
});
