import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, ORIGIN, postForm } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";
import {
  addLine,
  cadreFixture,
  createBatch,
  createProgram,
  endNoticePeriod,
  householdFixture,
  post,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";
import { adminPage, householdWithId } from "./fixtures.ts";

const A = (tenant: string) => `/t/${tenant}/admin`;
const form = (s: Session, path: string, fields: Record<string, string>) =>
  postForm(path, { _csrf: s.csrfToken, ...fields }, { cookie: s.cookie });

function upload(s: Session, path: string, fields: Record<string, string>, csv: string) {
  const fd = new FormData();
  fd.set("_csrf", s.csrfToken);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  fd.set("file", new File([csv], "data.csv", { type: "text/csv" }));
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { Cookie: s.cookie, Origin: ORIGIN },
    body: fd,
    redirect: "manual",
  });
}

describe("money admin pages by role", () => {
  it("shows the money screens to finance, county and auditors, and refuses cadres and township officers (403)", async () => {
    const finance = await signIn("longquanyi", "finance_officer");
    const home = await adminPage(`${A("longquanyi")}/`, finance.cookie);
    expect(home.html).toContain("资金项目");
    expect(home.html).toContain("发放批次");
    expect(home.html).toContain("支出进度");
    for (const path of [
      "/programs",
      "/batches",
      "/reports",
      "/reports/villages",
      "/reports/cadres",
      "/reports/households",
    ]) {
      const page = await adminPage(`${A("longquanyi")}${path}`, finance.cookie);
      expect(page.status, path).toBe(200);
    }
    expect((await adminPage(`${A("longquanyi")}/programs`, finance.cookie)).html).toContain("新建资金项目");
    const auditor = await signIn("longquanyi", "auditor");
    const auditorPrograms = await adminPage(`${A("longquanyi")}/programs`, auditor.cookie);
    expect(auditorPrograms.status).toBe(200);
    expect(auditorPrograms.html).not.toContain("新建资金项目");
    expect((await form(auditor, `${A("longquanyi")}/programs`, { name: "审计不能建" })).status).toBe(403);
    for (const role of ["cadre", "township_officer"] as const) {
      const s = await signIn("longquanyi", role);
      const dash = await adminPage(`${A("longquanyi")}/`, s.cookie);
      expect(dash.html).not.toContain("发放批次");
      expect(dash.html).not.toContain("支出进度");
      for (const path of ["/programs", "/batches", "/reports"])
        expect((await adminPage(`${A("longquanyi")}${path}`, s.cookie)).status, `${role} ${path}`).toBe(403);
    }
  });

  it("answers 404 for another tenant's batch and program ids", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    await nextIdOnlyIn("longquanyi", "programs", "pingchuan");
    await nextIdOnlyIn("longquanyi", "batches", "pingchuan");
    const program = await createProgram("longquanyi", admin.token);
    const batchId = await createBatch("longquanyi", admin.token, program.id);
    await expectNoRow("pingchuan", "programs", program.id);
    await expectNoRow("pingchuan", "batches", batchId);
    const other = await signIn("pingchuan", "county_admin");
    expect((await adminPage(`${A("pingchuan")}/batches/${batchId}`, other.cookie)).status).toBe(404);
    expect((await adminPage(`${A("pingchuan")}/programs/${program.id}`, other.cookie)).status).toBe(404);
    // A session of one tenant is unknown in another: sent to that tenant's sign-in page.
    const foreign = await adminPage(`${A("pingchuan")}/batches/${batchId}`, admin.cookie);
    expect(foreign.status).toBe(303);
    expect(foreign.res.headers.get("location")).toContain("/t/pingchuan/admin/login");
  });
});

describe("money admin forms", () => {
  it("creates a program in 元, sets its budget, creates a batch, and shows field errors", async () => {
    const finance = await signIn("dazhou", "finance_officer");
    const name = `村干部补贴${Date.now()}`;
    const bad = await form(finance, `${A("dazhou")}/programs`, {
      name,
      category: "village_cadre_pay",
      fundSource: "county",
      recipientKind: "cadre",
      ruleKind: "per_month",
      ruleAmount: "",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("按标准发放的项目须填写标准金额");
    const badAmount = await form(finance, `${A("dazhou")}/programs`, {
      name,
      category: "village_cadre_pay",
      fundSource: "county",
      recipientKind: "cadre",
      ruleKind: "per_month",
      ruleAmount: "560.123",
    });
    expect(badAmount.status).toBe(400);
    expect(await badAmount.text()).toContain("最多保留两位小数");
    const ok = await form(finance, `${A("dazhou")}/programs`, {
      name,
      category: "village_cadre_pay",
      fundSource: "county",
      recipientKind: "cadre",
      ruleKind: "per_month",
      ruleAmount: "560",
      honourUpliftPct: "20",
      noticeDays: "7",
    });
    expect(ok.status).toBe(303);
    const programId = Number(ok.headers.get("location")!.match(/programs\/(\d+)/)![1]);
    const program = (await (await api("dazhou", `/programs/${programId}`, { token: finance.token })).json()) as {
      ruleAmountFen: number;
      honourUpliftPct: number;
      allowRepeat: boolean;
    };
    expect(program).toMatchObject({ ruleAmountFen: 56_000, honourUpliftPct: 20, allowRepeat: false });

    expect(
      (await form(finance, `${A("dazhou")}/programs/${programId}/budgets`, { year: "2026", budget: "abc" })).status,
    ).toBe(400);
    expect(
      (await form(finance, `${A("dazhou")}/programs/${programId}/budgets`, { year: "2026", budget: "10万" })).status,
    ).toBe(303);
    const detail = await adminPage(`${A("dazhou")}/programs/${programId}`, finance.cookie);
    expect(detail.html).toContain("¥100,000.00");

    const noProgram = await form(finance, `${A("dazhou")}/batches`, { programId: "", period: "2026-11" });
    expect(noProgram.status).toBe(400);
    const badPeriod = await form(finance, `${A("dazhou")}/batches`, {
      programId: String(programId),
      period: "2026-13",
    });
    expect(badPeriod.status).toBe(400);
    expect(await badPeriod.text()).toContain("期间应为年份");
    const created = await form(finance, `${A("dazhou")}/batches`, { programId: String(programId), period: "2026-11" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toMatch(/\/admin\/batches\/\d+\?done=created$/);
    const list = await adminPage(
      `${A("dazhou")}/batches?programId=${programId}&status=draft&year=2026`,
      finance.cookie,
    );
    expect(list.html).toContain(`${name} 2026-11`);
  });

  it("adds lines (with a field error), submits, refuses approval before the period ends with the reason shown, then pays and reverses", async () => {
    const finance = await signIn("longquanyi", "finance_officer");
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId } = await registryFixture("longquanyi");
    const program = await createProgram("longquanyi", admin.token, {
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      category: "industry_support",
    });
    await setBudget("longquanyi", admin.token, program.id, 2026, 1_000_000);
    const batchId = await createBatch("longquanyi", finance.token, program.id, "2026");
    const h1 = await householdFixture("longquanyi", villageId, "陈一");
    const h2 = await householdFixture("longquanyi", villageId, "陈二");
    const path = `${A("longquanyi")}/batches/${batchId}`;
    const page = await adminPage(path, finance.cookie);
    expect(page.html).toContain("添加明细");
    expect(page.html).toContain("提交公示");
    expect(page.html).toContain(`data-lookup="/t/longquanyi/api/v1/lookup/households"`); // the recipient picker

    const noAmount = await form(finance, `${path}/lines`, { recipientId: String(h1), amount: "" });
    expect(noAmount.status).toBe(400);
    expect(await noAmount.text()).toContain("本项目逐笔填写金额，请填写金额");
    expect(
      (await form(finance, `${path}/lines`, { recipientId: String(h1), amount: "1,500.50", purpose: "种苗" })).status,
    ).toBe(303);
    expect((await form(finance, `${path}/lines`, { recipientId: String(h2), amount: "800" })).status).toBe(303);
    const dup = await form(finance, `${path}/lines`, { recipientId: String(h2), amount: "800" });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("每期只能发放一次");
    expect(
      (await (await api("longquanyi", `/batches/${batchId}`, { token: finance.token })).json()) as { totalFen: number },
    ).toMatchObject({ totalFen: 230_050 });

    expect((await form(finance, `${path}/submit`, {})).status).toBe(303);
    // finance cannot approve (separation of duties): no button, and the POST is 403
    expect((await adminPage(path, finance.cookie)).html).not.toContain(`action="${path}/approve"`);
    expect((await form(finance, `${path}/approve`, {})).status).toBe(403);
    const noticed = await adminPage(path, admin.cookie);
    expect(noticed.html).toContain("暂不能审批");
    expect(noticed.html).toContain("起才能审批");
    const early = await form(admin, `${path}/approve`, {});
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("期满后才能审批");
    expect(
      ((await (await api("longquanyi", `/batches/${batchId}`, { token: admin.token })).json()) as { status: string })
        .status,
    ).toBe("noticed");

    await endNoticePeriod("longquanyi", batchId);
    expect((await adminPage(path, admin.cookie)).html).toContain("可以审批");
    expect((await form(admin, `${path}/approve`, {})).status).toBe(303);

    const lines = (
      (await (await api("longquanyi", `/batches/${batchId}/lines`, { token: finance.token })).json()) as {
        items: { id: number; recipientId: number }[];
      }
    ).items;
    const l2 = lines.find((l) => l.recipientId === h2)!.id;
    const badPay = await form(finance, `${path}/pay`, {
      paidDate: "2026-12-01",
      paymentRef: "PZ1",
      failures: "不是编号",
    });
    expect(badPay.status).toBe(400);
    expect(await badPay.text()).toContain("明细编号,原因");
    expect(
      (await form(finance, `${path}/pay`, { paidDate: "2026-12-01", paymentRef: "PZ1", failures: `${l2},账号错误` }))
        .status,
    ).toBe(303);
    const paid = await adminPage(path, finance.cookie);
    expect(paid.html).toContain("账号错误");
    expect(paid.html).toContain("冲正原因");

    const l1 = lines.find((l) => l.recipientId === h1)!.id;
    const shortReason = await form(finance, `${path}/lines/${l1}/reverse`, { reason: "x" });
    expect(shortReason.status).toBe(400);
    expect(await shortReason.text()).toContain("请填写冲正原因");
    expect((await form(finance, `${path}/lines/${l1}/reverse`, { reason: "重复发放，收回" })).status).toBe(303);
    expect((await adminPage(path, finance.cookie)).html).toContain("已冲正");
    const exported = await adminPage(`${path}/export.csv`, finance.cookie);
    expect(exported.res.headers.get("content-type")).toContain("text/csv");
    expect(exported.html).toContain("重复发放，收回");
    expect(exported.html).toContain(",农户,");
    // The API gives the same file, in Chinese too (it used to say "household").
    const fromApi = await api("longquanyi", `/batches/${batchId}/lines/export`, { token: finance.token });
    expect(await fromApi.text()).toBe(exported.html);
  });

  it("uploads a lines CSV from the batch page, previews it and commits it", async () => {
    const finance = await signIn("pingchuan", "finance_officer");
    const { villageId } = await registryFixture("pingchuan");
    const program = await createProgram("pingchuan", finance.token, {
      recipientKind: "household",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 300_000,
      category: "award",
    });
    const batchId = await createBatch("pingchuan", finance.token, program.id, "2026");
    const a = await householdWithId("pingchuan", villageId, "刘甲");
    const path = `${A("pingchuan")}/batches/${batchId}`;
    const bad = await upload(finance, `${path}/lines/import`, {}, `身份证号,金额（元）\n${a.idNumber},5000\n`);
    expect(bad.status).toBe(303);
    const badPreview = await adminPage(bad.headers.get("location")!, finance.cookie);
    expect(badPreview.html).toContain("按固定标准发放");
    expect(badPreview.html).toContain(`href="${path}"`); // 重新上传 goes back to the batch
    const good = await upload(finance, `${path}/lines/import`, {}, `身份证号,用途\n${a.idNumber},优秀脱贫户奖励\n`);
    const previewPath = good.headers.get("location")!;
    expect((await adminPage(previewPath, finance.cookie)).html).toContain("确认导入 1 行");
    const commit = await form(finance, `${previewPath}/commit`, {});
    expect(commit.status).toBe(303);
    expect(commit.headers.get("location")).toBe(`${path}?done=imported&n=1`);
    expect((await adminPage(commit.headers.get("location")!, finance.cookie)).html).toContain(
      "导入完成：新增 1 笔明细",
    );
  });

  it("reconciles a bank file from the batch page and shows the per-line results", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const finance = await signIn("pingchuan", "finance_officer");
    const { villageId, unitId } = await registryFixture("pingchuan");
    const c1 = await cadreFixture("pingchuan", unitId, villageId, "first_secretary", "对账书记");
    const program = await createProgram("pingchuan", admin.token, { ruleKind: "per_month", ruleAmountFen: 50_000 });
    await setBudget("pingchuan", admin.token, program.id, 2026, 1_000_000);
    const batchId = await createBatch("pingchuan", admin.token, program.id, "2026-11");
    expect((await addLine("pingchuan", admin.token, batchId, { recipientId: c1.cadreId })).status).toBe(201);
    expect((await post("pingchuan", admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
    await endNoticePeriod("pingchuan", batchId);
    const approver = await signIn("pingchuan", "county_admin");
    expect((await post("pingchuan", approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const [line] = (
      (await (await api("pingchuan", `/batches/${batchId}/lines`, { token: admin.token })).json()) as {
        items: { id: number }[];
      }
    ).items;
    const path = `${A("pingchuan")}/batches/${batchId}`;
    expect((await adminPage(path, finance.cookie)).html).toContain("导入银行回盘");
    const noFile = await form(finance, `${path}/reconcile`, { paidDate: "2026-12-02" });
    expect(noFile.status).toBe(400);
    const res = await upload(
      finance,
      `${path}/reconcile`,
      { paidDate: "2026-12-02" },
      `明细编号,状态,银行流水号,说明\n${line!.id},成功,YH123,\n424242,成功,YH0,\n`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("对账结果");
    expect(html).toContain("没有这条明细");
    expect(html).toContain("全部明细已处理");
    expect(
      ((await (await api("pingchuan", `/batches/${batchId}`, { token: admin.token })).json()) as { status: string })
        .status,
    ).toBe("paid");
    expect((await adminPage(path, admin.cookie)).html).toContain(`action="${path}/close"`);
  });
});
