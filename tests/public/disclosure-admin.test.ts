import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { csrfOf } from "../helpers/html.ts";
import { adminOf, publicVillage } from "./fixtures.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";

const T = "longquanyi";
const meeting = (date: string, extra: Record<string, unknown> = {}) => ({
  date,
  eligible: 40,
  attendees: 35,
  votesFor: 30,
  votesAgainst: 3,
  votesAbstain: 2,
  summary: "会议讨论通过",
  attachments: ["会议记录 2 页", "签到表"],
  ...extra,
});

async function newDecision(token: string, villageCode: string, requiresTownshipReview = false) {
  const res = await api(T, "/village-decisions", {
    token,
    json: {
      villageCode,
      title: "修建村级文化活动室",
      description: "利用闲置校舍改建文化活动室",
      amountFen: 20_000_000,
      requiresTownshipReview,
      proposed: { date: "2026-01-05", summary: "党支部提议改建文化活动室", attachments: [] },
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; stage: string; nextStage: string };
}
const record = (token: string, id: number, stage: string, body: Record<string, unknown>) =>
  api(T, `/village-decisions/${id}/stages`, { token, json: { stage, ...body } });

describe("四议两公开 decisions", () => {
  it("go through their stages strictly in order; skipping or repeating is 409 and changes nothing; the two 公开 stages go on the ledger and the village page", async () => {
    const v = await publicVillage(T, 0);
    const admin = await adminOf(T);
    const d = await newDecision(admin.token, v.villageCode);
    expect(d).toMatchObject({ stage: "proposed", nextStage: "discussed" });
    expect((await record(admin.token, d.id, "reviewed", meeting("2026-01-10"))).status).toBe(409);
    expect((await record(admin.token, d.id, "proposed", meeting("2026-01-10"))).status).toBe(409);
    const skipped = await record(admin.token, d.id, "township_reviewed", { date: "2026-01-10", summary: "审查" });
    expect(skipped.status).toBe(409);
    expect((await problem(skipped)).detail).toContain("不需要乡镇审查");
    // a meeting without attendance and votes is refused
    expect((await record(admin.token, d.id, "discussed", { date: "2026-01-10", summary: "商议" })).status).toBe(400);
    // votes cannot exceed those present
    expect((await record(admin.token, d.id, "discussed", meeting("2026-01-10", { votesFor: 40 }))).status).toBe(400);
    // dates go forward
    expect((await record(admin.token, d.id, "discussed", meeting("2025-12-01"))).status).toBe(400);
    expect(
      ((await api(T, `/village-decisions/${d.id}`, { token: admin.token }).then((r) => r.json())) as { stage: string })
        .stage,
    ).toBe("proposed");

    const ledgerBefore = await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM ledger_entries").first<{ n: number }>();
    for (const [stage, date] of [
      ["discussed", "2026-01-10"],
      ["reviewed", "2026-01-15"],
      ["resolved", "2026-01-20"],
    ] as const) {
      const r = await record(admin.token, d.id, stage, meeting(date));
      expect(r.status, await r.clone().text()).toBe(200);
    }
    expect((await record(admin.token, d.id, "resolved", meeting("2026-01-21"))).status).toBe(409);
    const published = await record(admin.token, d.id, "resolution_published", {
      date: "2026-01-22",
      summary: "决议：改建文化活动室，预算 20 万元，公开 7 天",
      attachments: ["公告照片"],
    });
    expect(published.status, await published.clone().text()).toBe(200);
    const result = await record(admin.token, d.id, "result_published", {
      date: "2026-06-30",
      summary: "已完工，实际支出 19.6 万元",
    });
    expect(result.status).toBe(200);
    const done = (await result.json()) as {
      stage: string;
      nextStage: string | null;
      stages: { stage: string; ledgerSeq: number | null }[];
    };
    expect(done.stage).toBe("result_published");
    expect(done.nextStage).toBeNull();
    expect(done.stages.map((s) => s.stage)).toEqual([
      "proposed",
      "discussed",
      "reviewed",
      "resolved",
      "resolution_published",
      "result_published",
    ]);
    expect(done.stages.filter((s) => s.ledgerSeq != null).map((s) => s.stage)).toEqual([
      "resolution_published",
      "result_published",
    ]);
    const ledgerAfter = await TENANT_DB[T]!.prepare(
      "SELECT count(*) AS n FROM ledger_entries WHERE kind LIKE 'village_decision.%' AND ref = ?",
    )
      .bind(`village_decision:${d.id}`)
      .first<{ n: number }>();
    expect(ledgerAfter!.n).toBe(2);
    expect(
      (await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM ledger_entries").first<{ n: number }>())!.n,
    ).toBeGreaterThanOrEqual(ledgerBefore!.n + 2);
    expect((await record(admin.token, d.id, "result_published", { date: "2026-07-01", summary: "再次" })).status).toBe(
      409,
    );

    const page = await (await call(`/t/${T}/v/${v.villageCode}`)).text();
    expect(page).toContain("修建村级文化活动室");
    expect(page).toContain("决议：改建文化活动室");
    expect(page).toContain("赞成 30 反对 3 弃权 2");
  });

  it("requires 乡镇审查 after the resolution when the decision says so", async () => {
    const v = await publicVillage(T, 0);
    const admin = await adminOf(T);
    const d = await newDecision(admin.token, v.villageCode, true);
    for (const [stage, date] of [
      ["discussed", "2026-02-01"],
      ["reviewed", "2026-02-02"],
      ["resolved", "2026-02-03"],
    ] as const)
      expect((await record(admin.token, d.id, stage, meeting(date))).status).toBe(200);
    const early = await record(admin.token, d.id, "resolution_published", { date: "2026-02-04", summary: "决议公开" });
    expect(early.status).toBe(409);
    expect((await problem(early)).detail).toContain("乡镇审查");
    expect(
      (await record(admin.token, d.id, "township_reviewed", { date: "2026-02-04", summary: "乡镇党委审查同意" }))
        .status,
    ).toBe(200);
    expect(
      (await record(admin.token, d.id, "resolution_published", { date: "2026-02-05", summary: "决议公开" })).status,
    ).toBe(200);
  });

  it("roles and scope: finance officer 403, auditor reads only, township officer only in their township, other tenant 404", async () => {
    const v = await publicVillage(T, 0);
    const admin = await adminOf(T);
    await nextIdOnlyIn(T, "village_decisions", "pingchuan");
    const d = await newDecision(admin.token, v.villageCode);
    await expectNoRow("pingchuan", "village_decisions", d.id);
    const finance = await signIn(T, "finance_officer");
    expect((await record(finance.token, d.id, "discussed", meeting("2026-03-01"))).status).toBe(403);
    const auditor = await signIn(T, "auditor");
    expect((await api(T, `/village-decisions/${d.id}`, { token: auditor.token })).status).toBe(200);
    const other = await signIn(T, "township_officer", { townshipCode: "510112001" });
    expect((await api(T, `/village-decisions/${d.id}`, { token: other.token })).status).toBe(404);
    expect((await record(other.token, d.id, "discussed", meeting("2026-03-01"))).status).toBe(404);
    const own = await signIn(T, "township_officer", { townshipCode: v.townshipCode });
    expect((await record(own.token, d.id, "discussed", meeting("2026-03-01"))).status).toBe(200);
    const pingAdmin = await adminOf("pingchuan");
    expect((await api("pingchuan", `/village-decisions/${d.id}`, { token: pingAdmin.token })).status).toBe(404);
    const bad = await api(T, "/village-decisions", {
      token: admin.token,
      json: { villageCode: "123", title: "", description: "x", proposed: { date: "2026-13-01", summary: "" } },
    });
    expect(bad.status).toBe(400);
    const fields = (await problem(bad)).errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["villageCode", "title", "proposed.date", "proposed.summary"]));
  });
});

describe("village projects", () => {
  it("CRUD through the API, money in fen, validation, every change on the ledger; roles and scope", async () => {
    const v = await publicVillage(T, 0);
    const admin = await adminOf(T);
    const bad = await api(T, "/projects", {
      token: admin.token,
      json: { villageCode: v.villageCode, name: "", fundSource: "moon", budgetFen: 1.5, spentFen: -1 },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors!.map((e) => e.field)).toEqual(
      expect.arrayContaining(["name", "fundSource", "budgetFen"]),
    );
    const over = await api(T, "/projects", {
      token: admin.token,
      json: { villageCode: v.villageCode, name: "超支", fundSource: "county", budgetFen: 100, spentFen: 200 },
    });
    expect(over.status).toBe(400);
    await nextIdOnlyIn(T, "projects", "pingchuan");
    const created = await api(T, "/projects", {
      token: admin.token,
      json: { villageCode: v.villageCode, name: "产业基地", fundSource: "central", budgetFen: 50_000_000 },
    });
    expect(created.status).toBe(201);
    const p = (await created.json()) as { id: number; status: string; spentFen: number };
    await expectNoRow("pingchuan", "projects", p.id);
    expect(p).toMatchObject({ status: "planned", spentFen: 0 });
    const upd = await api(T, `/projects/${p.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { status: "in_progress", spentFen: 12_345_600 },
    });
    expect(upd.status).toBe(200);
    expect(
      (await api(T, `/projects/${p.id}`, { method: "PATCH", token: admin.token, json: { spentFen: 60_000_000 } }))
        .status,
    ).toBe(400);
    expect((await api(T, `/projects/${p.id}`, { method: "DELETE", token: admin.token })).status).toBe(409);
    const kinds = await TENANT_DB[T]!.prepare("SELECT kind FROM ledger_entries WHERE ref IN (?, ?) ORDER BY seq")
      .bind(`village:${v.villageCode}`, `project:${p.id}`)
      .all<{ kind: string }>();
    expect(kinds.results.map((k) => k.kind)).toEqual(["project.created", "project.updated"]);
    const html = await (await call(`/t/${T}/v/${v.villageCode}`)).text();
    expect(html).toContain("产业基地");
    expect(html).toContain("¥123,456");

    const planned = (await (
      await api(T, "/projects", {
        token: admin.token,
        json: { villageCode: v.villageCode, name: "待删项目", fundSource: "county", budgetFen: 100 },
      })
    ).json()) as { id: number };
    expect((await api(T, `/projects/${planned.id}`, { method: "DELETE", token: admin.token })).status).toBe(204);
    expect((await api(T, `/projects/${planned.id}`, { token: admin.token })).status).toBe(404);

    const finance = await signIn(T, "finance_officer");
    expect(
      (
        await api(T, "/projects", {
          token: finance.token,
          json: { villageCode: v.villageCode, name: "x", fundSource: "county", budgetFen: 1 },
        })
      ).status,
    ).toBe(403);
    const other = await signIn(T, "township_officer", { townshipCode: "510112001" });
    expect((await api(T, `/projects/${p.id}`, { token: other.token })).status).toBe(404);
    expect(
      (
        await api(T, "/projects", {
          token: other.token,
          json: { villageCode: v.villageCode, name: "越权", fundSource: "county", budgetFen: 1 },
        })
      ).status,
    ).toBe(400);
    expect((await api("pingchuan", `/projects/${p.id}`, { token: (await adminOf("pingchuan")).token })).status).toBe(
      404,
    );
    expect((await api(T, "/projects")).status).toBe(401);
  });
});

describe("admin screens", () => {
  async function browserSession() {
    const u = await signIn(T, "county_admin");
    return { cookie: u.cookie, csrf: u.csrfToken };
  }

  it("projects, decisions and feedback screens list, create and answer through forms", async () => {
    const v = await publicVillage(T, 0);
    const s = await browserSession();
    for (const path of ["projects", "village-decisions", "feedback", "projects/new", "village-decisions/new"]) {
      const res = await call(`/t/${T}/admin/${path}`, { headers: { Cookie: s.cookie } });
      expect(res.status, path).toBe(200);
    }
    const form = await call(`/t/${T}/admin/projects/new`, { headers: { Cookie: s.cookie } });
    const csrf = csrfOf(await form.text());
    const badP = await postForm(
      `/t/${T}/admin/projects`,
      { _csrf: csrf, villageCode: v.villageCode, name: "", fundSource: "county", budget: "abc" },
      { cookie: s.cookie },
    );
    expect(badP.status).toBe(400);
    expect(await badP.text()).toContain("field-error");
    const okP = await postForm(
      `/t/${T}/admin/projects`,
      {
        _csrf: csrf,
        villageCode: v.villageCode,
        name: "饮水工程",
        fundSource: "county",
        budget: "12万",
        spent: "",
        status: "planned",
        startDate: "",
        endDate: "",
      },
      { cookie: s.cookie },
    );
    expect(okP.status, await okP.clone().text()).toBe(303);
    const detail = await call(okP.headers.get("location")!, { headers: { Cookie: s.cookie } });
    expect(await detail.text()).toContain("¥120,000.00");

    const okD = await postForm(
      `/t/${T}/admin/village-decisions`,
      {
        _csrf: csrf,
        villageCode: v.villageCode,
        title: "修缮村委会",
        description: "修缮漏雨屋顶",
        amount: "3万",
        date: "2026-04-01",
        summary: "党支部提议修缮",
        attachments: "提议书\n现场照片",
      },
      { cookie: s.cookie },
    );
    expect(okD.status, await okD.clone().text()).toBe(303);
    const dPage = await (await call(okD.headers.get("location")!, { headers: { Cookie: s.cookie } })).text();
    expect(dPage).toContain("记录下一环节：两委商议");
    const id = okD.headers.get("location")!.match(/village-decisions\/(\d+)/)![1];
    const skip = await postForm(
      `/t/${T}/admin/village-decisions/${id}/stages`,
      { _csrf: csrf, stage: "resolved", date: "2026-04-02", attendees: "10", votesFor: "9", summary: "跳过" },
      { cookie: s.cookie },
    );
    expect(skip.status).toBe(409);
    const next = await postForm(
      `/t/${T}/admin/village-decisions/${id}/stages`,
      {
        _csrf: csrf,
        stage: "discussed",
        date: "2026-04-02",
        eligible: "9",
        attendees: "9",
        votesFor: "9",
        votesAgainst: "0",
        votesAbstain: "0",
        summary: "两委一致同意",
      },
      { cookie: s.cookie },
    );
    expect(next.status, await next.clone().text()).toBe(303);

    const fb = await postForm(`/t/${T}/feedback`, {
      villageCode: v.villageCode,
      category: "complaint",
      text: "低保评定不公平，请核查",
      contact: "微信 abc",
    });
    const code = new URL(fb.headers.get("location")!, "https://x").searchParams.get("code")!;
    const row = await TENANT_DB[T]!.prepare("SELECT id FROM feedback WHERE tracking_code = ?")
      .bind(code)
      .first<{ id: number }>();
    // A GET never reveals (it would be prefetched or cached); the POST with a reason does.
    const plain = await (
      await call(`/t/${T}/admin/feedback/${row!.id}?reveal=1`, { headers: { Cookie: s.cookie } })
    ).text();
    expect(plain).not.toContain("微信 abc");
    expect(plain).toContain("查看联系方式");
    const noReason = await postForm(
      `/t/${T}/admin/feedback/${row!.id}/reveal-contact`,
      { _csrf: csrf, reason: "" },
      { cookie: s.cookie },
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).not.toContain("微信 abc");
    const fPage = await postForm(
      `/t/${T}/admin/feedback/${row!.id}/reveal-contact`,
      { _csrf: csrf, reason: "电话回访投诉人" },
      { cookie: s.cookie },
    );
    expect(fPage.status).toBe(200);
    expect(await fPage.text()).toContain("微信 abc");
    const ans = await postForm(
      `/t/${T}/admin/feedback/${row!.id}/answer`,
      { _csrf: csrf, reply: "已转乡镇核查，结果将另行答复", replyPublic: "0" },
      { cookie: s.cookie },
    );
    expect(ans.status).toBe(303);
    expect(await (await call(`/t/${T}/track?code=${code}`)).text()).toContain("已转乡镇核查");
    // a non-public reply stays off the village page
    expect(await (await call(`/t/${T}/v/${v.villageCode}`)).text()).not.toContain("已转乡镇核查");
    const reveal = await TENANT_DB[T]!.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'feedback.reveal_contact' AND entity_id = ?",
    )
      .bind(String(row!.id))
      .first<{ n: number }>();
    expect(reveal!.n).toBe(1);
  });
});
