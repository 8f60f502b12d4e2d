import { describe, expect, it } from "vitest";
import { call, postForm } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { createDecision, endPeriod, householdSetup, objectionIdOf, objectOk } from "./fixtures.ts";

const page = (path: string, cookie: string) => call(path, { headers: { Cookie: cookie } });

describe("admin screens: notices, objections, decisions, ledger", () => {
  it("lists notices, shows a notice with its snapshot and objections, and answers from the page", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId } = await householdSetup("longquanyi", { headName: "上官婉儿" });
    const d = await createDecision("longquanyi", admin.token, householdId);
    const { trackingCode } = await objectOk("longquanyi", d.noticeId, { name: "张举报", text: "请核实" });
    const list = await page("/t/longquanyi/admin/notices?openNow=true", admin.cookie);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("公示与异议");
    expect(listHtml).toContain(`/admin/notices/${d.noticeId}`);
    const detail = await page(`/t/longquanyi/admin/notices/${d.noticeId}`, admin.cookie);
    const html = await detail.text();
    expect(detail.status).toBe(200);
    expect(html).toContain("上**儿");
    expect(html).not.toContain("上官婉儿");
    expect(html).toContain(trackingCode);
    expect(html).toContain("张举报");
    const id = await objectionIdOf("longquanyi", trackingCode);
    // Missing reply: the same page again with the error, nothing changed.
    let res = await postForm(
      `/t/longquanyi/admin/objections/${id}/answer`,
      { _csrf: admin.csrfToken, decision: "rejected", reply: "", back: `/t/longquanyi/admin/notices/${d.noticeId}` },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("请填写答复");
    res = await postForm(
      `/t/longquanyi/admin/objections/${id}/answer`,
      {
        _csrf: admin.csrfToken,
        decision: "rejected",
        reply: "经核实无误",
        back: `/t/longquanyi/admin/notices/${d.noticeId}`,
      },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/t/longquanyi/admin/notices/${d.noticeId}?done=answered`);
    const row = await TENANT_DB.longquanyi!.prepare("SELECT status, reply FROM objections WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ status: "rejected", reply: "经核实无误" });
    // Answering again is a 409 shown on the page; a foreign `back` is ignored.
    res = await postForm(
      `/t/longquanyi/admin/objections/${id}/answer`,
      { _csrf: admin.csrfToken, decision: "upheld", reply: "再答", back: "https://evil.example/x" },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("已经答复过了");
    // Without the CSRF token nothing happens.
    expect(
      (
        await postForm(
          `/t/longquanyi/admin/objections/${id}/answer`,
          { decision: "upheld", reply: "x" },
          { cookie: admin.cookie },
        )
      ).status,
    ).toBe(403);
  });

  it("shows the objection inbox with open ones first, and answer forms only to those who may answer", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { householdId } = await householdSetup("pingchuan");
    const d = await createDecision("pingchuan", admin.token, householdId);
    const { trackingCode } = await objectOk("pingchuan", d.noticeId, { text: "收件箱里的异议" });
    const inbox = await page("/t/pingchuan/admin/objections", admin.cookie);
    expect(inbox.status).toBe(200);
    const html = await inbox.text();
    expect(html).toContain(trackingCode);
    expect(html).toContain("提交答复");
    const finance = await signIn("pingchuan", "finance_officer");
    const financeHtml = await (await page("/t/pingchuan/admin/objections", finance.cookie)).text();
    expect(financeHtml).toContain(trackingCode);
    expect(financeHtml).not.toContain("提交答复");
    const id = await objectionIdOf("pingchuan", trackingCode);
    expect(
      (
        await postForm(
          `/t/pingchuan/admin/objections/${id}/answer`,
          { _csrf: finance.csrfToken, decision: "upheld", reply: "x" },
          { cookie: finance.cookie },
        )
      ).status,
    ).toBe(403);
  });

  it("creates a decision from the form and finalizes it with the button, only after the period", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { householdId } = await householdSetup("dazhou");
    let res = await postForm(
      "/t/dazhou/admin/decisions",
      { _csrf: admin.csrfToken, householdId: "abc", kind: "", reason: "" },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(400);
    const errHtml = await res.text();
    expect(errHtml).toContain("请填写户编号");
    expect(errHtml).toContain("请填写认定理由");
    res = await postForm(
      "/t/dazhou/admin/decisions",
      {
        _csrf: admin.csrfToken,
        householdId: String(householdId),
        kind: "exit",
        reason: "收入稳定达标",
        noticeDays: "7",
      },
      { cookie: admin.cookie },
    );
    expect(res.status, await res.clone().text()).toBe(303);
    const decision = await TENANT_DB.dazhou!.prepare(
      "SELECT id, notice_id FROM household_decisions WHERE household_id = ?",
    )
      .bind(householdId)
      .first<{ id: number; notice_id: number }>();
    const listHtml = await (await page("/t/dazhou/admin/decisions", admin.cookie)).text();
    expect(listHtml).toContain(`/admin/decisions/${decision!.id}/finalize`);
    res = await postForm(
      `/t/dazhou/admin/decisions/${decision!.id}/finalize`,
      { _csrf: admin.csrfToken },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("期满后才能生效");
    await endPeriod("dazhou", decision!.notice_id);
    res = await postForm(
      `/t/dazhou/admin/decisions/${decision!.id}/finalize`,
      { _csrf: admin.csrfToken },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(303);
    const hh = await TENANT_DB.dazhou!.prepare("SELECT status FROM households WHERE id = ?")
      .bind(householdId)
      .first<{ status: string }>();
    expect(hh!.status).toBe("exited");
    const cadre = await signIn("dazhou", "cadre");
    expect((await page("/t/dazhou/admin/decisions", cadre.cookie)).status).toBe(403);
  });

  it("shows the ledger with its head and verifies it on request", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { householdId } = await householdSetup("dazhou");
    await createDecision("dazhou", admin.token, householdId);
    const html = await (await page("/t/dazhou/admin/ledger?verify=1", admin.cookie)).text();
    expect(html).toContain("全部吻合");
    expect(html).toContain("/t/dazhou/api/v1/ledger/export");
    const nav = await (await page("/t/dazhou/admin/notices", admin.cookie)).text();
    expect(nav).toContain("公开账本");
  });
});
