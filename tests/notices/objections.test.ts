import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import {
  addLine,
  createBatch,
  createProgram,
  householdFixture,
  post,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";
import {
  answer,
  createDecision,
  endPeriod,
  householdSetup,
  object,
  objectionIdOf,
  objectOk,
  setNoticePeriod,
} from "./fixtures.ts";

/** A fresh open household-decision notice (one line). */
async function openNotice(tenant: string, opts: Parameters<typeof householdSetup>[1] = {}) {
  const admin = await signIn(tenant, "county_admin");
  const hh = await householdSetup(tenant, opts);
  const d = await createDecision(tenant, admin.token, hh.householdId);
  return { admin, ...hh, decisionId: d.id, noticeId: d.noticeId };
}

describe("objections from the public", () => {
  it("accepts an objection without sign-in during the period and returns a tracking code to look it up", async () => {
    const { noticeId } = await openNotice("longquanyi");
    const res = await object("longquanyi", noticeId, {
      lineNo: 1,
      name: "王小二",
      contact: "13800138000",
      text: "该户家中新建了楼房",
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = (await res.json()) as { trackingCode: string; status: string; lineNo: number };
    expect(receipt.trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(receipt).toMatchObject({ status: "open", lineNo: 1 });
    const look = await api("longquanyi", `/public/objections/${receipt.trackingCode.toLowerCase()}`);
    expect(look.status).toBe(200);
    const body = (await look.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      trackingCode: receipt.trackingCode,
      noticeId,
      status: "open",
      reply: null,
      text: "该户家中新建了楼房",
    });
    expect(JSON.stringify(body)).not.toContain("王小二");
    expect(JSON.stringify(body)).not.toContain("13800138000");
    // The contact is stored encrypted only.
    const row = await TENANT_DB.longquanyi!.prepare("SELECT contact_enc FROM objections WHERE tracking_code = ?")
      .bind(receipt.trackingCode)
      .first<{ contact_enc: string }>();
    expect(row!.contact_enc).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect(row!.contact_enc).not.toContain("13800138000");
    // Audited as the anonymous public, without the contact or the name.
    const audit = await TENANT_DB.longquanyi!.prepare(
      "SELECT actor_name, actor_role, actor_id, after FROM audit_log WHERE action = 'objection.submit' AND entity_id = ?",
    )
      .bind(receipt.trackingCode)
      .first<{ actor_name: string; actor_role: string; actor_id: number | null; after: string }>();
    expect(audit).toMatchObject({ actor_name: "公众", actor_role: "anonymous", actor_id: null });
    expect(audit!.after).not.toContain("13800138000");
    expect(audit!.after).not.toContain("王小二");
    expect((await api("longquanyi", "/public/objections/ZZZZZZZZZZ")).status).toBe(404);
  });

  it("refuses objections outside the period or on a withdrawn notice with 409, and bad input with 400", async () => {
    const { noticeId, admin } = await openNotice("longquanyi");
    let res = await object("longquanyi", noticeId, { lineNo: 2, text: "第二行" });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe("lineNo");
    res = await object("longquanyi", noticeId, { text: "" });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]).toMatchObject({ field: "text", message: "请填写异议内容" });
    res = await object("longquanyi", noticeId, { text: "长".repeat(1001) });
    expect(res.status).toBe(400);
    res = await object("longquanyi", noticeId, { lineNo: "abc", text: "x" });
    expect(res.status).toBe(400);
    expect((await object("longquanyi", 987654, { text: "x" })).status).toBe(404);

    await endPeriod("longquanyi", noticeId);
    res = await object("longquanyi", noticeId, { text: "晚了" });
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("公示期已于 2000-01-07 结束");
    await setNoticePeriod("longquanyi", noticeId, "2999-01-01", "2999-01-07");
    res = await object("longquanyi", noticeId, { text: "早了" });
    expect(res.status).toBe(409);

    const other = await openNotice("longquanyi");
    const { trackingCode } = await objectOk("longquanyi", other.noticeId);
    expect(
      (await answer("longquanyi", admin.token, await objectionIdOf("longquanyi", trackingCode), "upheld")).status,
    ).toBe(200);
    res = await object("longquanyi", other.noticeId, { text: "已撤回" });
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("撤回");
    const n = await TENANT_DB.longquanyi!.prepare("SELECT count(*) AS n FROM objections WHERE notice_id IN (?, ?)")
      .bind(noticeId, other.noticeId)
      .first<{ n: number }>();
    expect(n!.n).toBe(1);
  });

  it("limits each client to 5 objections an hour: the 6th gets 429 with Retry-After", async () => {
    const { noticeId } = await openNotice("pingchuan");
    const ip = "203.0.113.77";
    for (let i = 0; i < 5; i++)
      expect((await object("pingchuan", noticeId, { text: `第${i}条` }, ip)).status).toBe(201);
    const res = await object("pingchuan", noticeId, { text: "第6条" }, ip);
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(3000);
    expect(retry).toBeLessThanOrEqual(3600);
    expect((await problem(res)).code).toBe("rate_limited");
    // Another client is not affected, and the table never holds the address.
    expect((await object("pingchuan", noticeId, { text: "别人" }, "203.0.113.78")).status).toBe(201);
    const stored = await TENANT_DB.pingchuan!.prepare(
      "SELECT group_concat(client_hash) AS h FROM public_submissions",
    ).first<{ h: string }>();
    expect(stored!.h).not.toContain("203.0.113");
  });

  it("public notice data never carries objectors' names or contacts", async () => {
    const { noticeId, admin } = await openNotice("dazhou", { headName: "司马相如" });
    const { trackingCode } = await objectOk("dazhou", noticeId, {
      name: "李秘密",
      contact: "13912345678",
      text: "不符合退出条件",
    });
    expect(
      (await answer("dazhou", admin.token, await objectionIdOf("dazhou", trackingCode), "rejected", "经核实符合条件"))
        .status,
    ).toBe(200);
    const res = await api("dazhou", `/public/notices/${noticeId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as {
      objections: Record<string, unknown>[];
      content: { lines: { recipient: string }[] };
      ledger: { seq: number };
    };
    expect(body.objections).toEqual([
      expect.objectContaining({ status: "rejected", reply: "经核实符合条件", text: "（内容待审核）" }),
    ]);
    expect(Object.keys(body.objections[0]!)).not.toContain("name");
    expect(Object.keys(body.objections[0]!)).not.toContain("hasContact");
    for (const secret of ["李秘密", "13912345678", "司马相如"]) expect(text).not.toContain(secret);
    expect(body.content.lines[0]!.recipient).toBe("司**如");
    expect(body.ledger.seq).toBeGreaterThan(0);
    const ledger = await (await api("dazhou", "/ledger/export")).text();
    for (const secret of ["李秘密", "13912345678", "司马相如"]) expect(ledger).not.toContain(secret);
    // The admin view shows the name to those who answer objections, never the contact.
    const adminView = await (await api("dazhou", `/notices/${noticeId}`, { token: admin.token })).text();
    expect(adminView).toContain("李秘密");
    expect(adminView).not.toContain("13912345678");
    const cadre = await signIn("dazhou", "cadre");
    const cadreView = await api("dazhou", `/notices/${noticeId}`, { token: cadre.token });
    expect(cadreView.status).toBe(200);
    expect(await cadreView.text()).not.toContain("李秘密");
  });

  it("another tenant's notice ids are 404", async () => {
    // Push this tenant's notice ids beyond the others' so the id exists only here.
    await TENANT_DB.pingchuan!.prepare(
      "INSERT INTO notices (id, kind, subject_id, title, start_date, end_date, status, content, content_hash) VALUES (9000, 'batch', 0, 'x', '2000-01-01', '2000-01-01', 'closed', '{}', 'x')",
    ).run();
    const { noticeId } = await openNotice("pingchuan");
    expect(noticeId).toBe(9001);
    const stranger = await signIn("longquanyi", "county_admin");
    expect((await api("longquanyi", `/public/notices/${noticeId}`)).status).toBe(404);
    expect((await api("longquanyi", `/notices/${noticeId}`, { token: stranger.token })).status).toBe(404);
    expect((await object("longquanyi", noticeId, { text: "x" })).status).toBe(404);
    expect((await api("pingchuan", `/public/notices/${noticeId}`)).status).toBe(200);
  });
});

describe("answering objections", () => {
  it("lets only county admins and the township's officers answer; twice is 409", async () => {
    const { noticeId, township } = await openNotice("longquanyi");
    const { trackingCode } = await objectOk("longquanyi", noticeId);
    const id = await objectionIdOf("longquanyi", trackingCode);
    const cadre = await signIn("longquanyi", "cadre");
    const finance = await signIn("longquanyi", "finance_officer");
    const auditor = await signIn("longquanyi", "auditor");
    for (const who of [cadre, finance, auditor])
      expect((await answer("longquanyi", who.token, id, "rejected")).status).toBe(403);
    expect(
      (await api("longquanyi", `/objections/${id}/answer`, { json: { decision: "rejected", reply: "x" } })).status,
    ).toBe(401);
    const elsewhere = await signIn("longquanyi", "township_officer", { townshipCode: "510112999" });
    expect((await answer("longquanyi", elsewhere.token, id, "rejected")).status).toBe(404);
    const officer = await signIn("longquanyi", "township_officer", { townshipCode: township });
    let res = await api("longquanyi", `/objections/${id}/answer`, {
      token: officer.token,
      json: { decision: "maybe", reply: "" },
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.map((e) => e.field).sort()).toEqual(["decision", "reply"]);
    res = await answer("longquanyi", officer.token, id, "rejected", "经核实，不影响认定");
    expect(res.status).toBe(200);
    expect((await answer("longquanyi", officer.token, id, "upheld")).status).toBe(409);
    const look = (await (await api("longquanyi", `/public/objections/${trackingCode}`)).json()) as {
      status: string;
      reply: string;
    };
    expect(look).toMatchObject({ status: "rejected", reply: "经核实，不影响认定" });
    // The inbox of the other township does not list it; this township's does.
    const inbox = (await (await api("longquanyi", "/objections", { token: elsewhere.token })).json()) as {
      items: { id: number }[];
    };
    expect(inbox.items.map((o) => o.id)).not.toContain(id);
    const mine = (await (await api("longquanyi", "/objections?status=rejected", { token: officer.token })).json()) as {
      items: { id: number }[];
    };
    expect(mine.items.map((o) => o.id)).toContain(id);
  });

  it("an upheld objection on a batch notice withdraws it and sends the batch back to draft, in one step", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageId } = await registryFixture("dazhou");
    const program = await createProgram("dazhou", admin.token, {
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      category: "industry_support",
    });
    await setBudget("dazhou", admin.token, program.id, 2026, 10_000_000);
    const batchId = await createBatch("dazhou", admin.token, program.id, "2026");
    expect(
      (
        await addLine("dazhou", admin.token, batchId, {
          recipientId: await householdFixture("dazhou", villageId, "赵钱孙"),
          amountFen: 50_000,
          purpose: "产业扶持",
        })
      ).status,
    ).toBe(201);
    expect((await post("dazhou", admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
    const batch = (await (await api("dazhou", `/batches/${batchId}`, { token: admin.token })).json()) as {
      noticeId: number;
    };
    const { trackingCode } = await objectOk("dazhou", batch.noticeId, { lineNo: 1, text: "金额有误" });
    const res = await answer(
      "dazhou",
      admin.token,
      await objectionIdOf("dazhou", trackingCode),
      "upheld",
      "金额核减后重新公示",
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (await (await api("dazhou", `/batches/${batchId}`, { token: admin.token })).json()) as {
      status: string;
      noticeId: number | null;
      noticeEnd: string | null;
    };
    expect(after).toMatchObject({ status: "draft", noticeId: null, noticeEnd: null });
    const notice = (await (await api("dazhou", `/notices/${batch.noticeId}`, { token: admin.token })).json()) as {
      status: string;
      openForObjections: boolean;
    };
    expect(notice).toMatchObject({ status: "withdrawn", openForObjections: false });
    const kinds = (
      await TENANT_DB.dazhou!.prepare("SELECT kind FROM ledger_entries WHERE ref = ? ORDER BY seq")
        .bind(`batch:${batchId}`)
        .all<{ kind: string }>()
    ).results.map((r) => r.kind);
    expect(kinds).toEqual(["notice.published", "objection.answered", "notice.withdrawn"]);
    // It can be noticed again.
    expect((await post("dazhou", admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
  });
});

describe("notice list", () => {
  it("filters by kind, status, village and open-now, and needs a session", async () => {
    const { admin, noticeId, villageId } = await openNotice("pingchuan");
    const closed = await openNotice("pingchuan");
    await endPeriod("pingchuan", closed.noticeId);
    const list = async (q: string) =>
      (
        (await (await api("pingchuan", `/notices?${q}`, { token: admin.token })).json()) as {
          items: { id: number; openForObjections: boolean }[];
          total: number;
        }
      ).items.map((n) => n.id);
    expect(await list(`villageId=${villageId}`)).toEqual([noticeId]);
    expect(await list("openNow=true")).toContain(noticeId);
    expect(await list("openNow=true")).not.toContain(closed.noticeId);
    expect(await list("openNow=false")).toContain(closed.noticeId);
    expect(await list("kind=household_exit&status=open")).toEqual(expect.arrayContaining([noticeId, closed.noticeId]));
    expect(await list("kind=batch")).not.toContain(noticeId);
    expect((await api("pingchuan", "/notices?kind=nope", { token: admin.token })).status).toBe(400);
    expect((await api("pingchuan", "/notices")).status).toBe(401);
    const detail = (await (await api("pingchuan", `/notices/${noticeId}`, { token: admin.token })).json()) as {
      ledger: { seq: number; hash: string };
      contentHash: string;
      content: { lines: unknown[] };
    };
    expect(detail.ledger.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.content.lines).toHaveLength(1);
  });

  it("counts each notice's own objections in the list", async () => {
    const { admin, noticeId } = await openNotice("pingchuan");
    const quiet = await openNotice("pingchuan");
    await objectOk("pingchuan", noticeId);
    await objectOk("pingchuan", noticeId, { text: "第二条异议：收入核算有误" });
    const items = (
      (await (await api("pingchuan", "/notices?size=200", { token: admin.token })).json()) as {
        items: { id: number; objectionCount: number; openObjectionCount: number }[];
      }
    ).items;
    expect(items.find((n) => n.id === noticeId)).toMatchObject({ objectionCount: 2, openObjectionCount: 2 });
    expect(items.find((n) => n.id === quiet.noticeId)).toMatchObject({ objectionCount: 0, openObjectionCount: 0 });
  });
});
