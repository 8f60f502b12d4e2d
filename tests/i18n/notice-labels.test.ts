import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { createDecision, householdSetup } from "../notices/fixtures.ts";
import { DECISION_KINDS } from "../../db/schema/tenant/notices.ts";
import { HOUSEHOLD_STATUSES, MONITOR_KINDS } from "../../db/schema/tenant/households.ts";

/** The words people read: tags, scripts and styles removed, entities left as they are. */
const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

/** Any English enum key of a household decision as a whole word (poor, exited, sudden_hardship …). */
const ENGLISH_ENUM = new RegExp(`\\b(${[...HOUSEHOLD_STATUSES, ...MONITOR_KINDS, ...DECISION_KINDS].join("|")})\\b`);

describe("household decision notices speak Chinese", () => {
  it("shows 拟认定为 未脱贫 on the public page of an identification notice, and no English enum key", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId } = await householdSetup("longquanyi", { status: "exited", headName: "司马相如" });
    const d = await createDecision("longquanyi", admin.token, householdId, {
      kind: "identification",
      reason: "因病返贫，经民主评议拟重新识别",
    });
    const res = await call(`/t/longquanyi/notices/${d.noticeId}`);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toMatch(/拟认定为\s*未脱贫/);
    expect(text).toContain("建档立卡");
    expect(text).not.toMatch(ENGLISH_ENUM);
  });

  it("shows the monitoring category in Chinese on the public and the admin notice page", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { householdId } = await householdSetup("pingchuan", { status: "exited", headName: "诸葛明月" });
    const d = await createDecision("pingchuan", admin.token, householdId, {
      kind: "monitoring",
      monitorKind: "sudden_hardship",
      reason: "突发重病，医疗支出大",
    });
    const pub = visibleText(await (await call(`/t/pingchuan/notices/${d.noticeId}`)).text());
    expect(pub).toMatch(/拟认定为\s*监测对象/);
    expect(pub).toMatch(/监测对象类别\s*突发严重困难户/);
    expect(pub).not.toMatch(ENGLISH_ENUM);
    const res = await call(`/t/pingchuan/admin/notices/${d.noticeId}`, { headers: { Cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const adminText = visibleText(await res.text());
    expect(adminText).toMatch(/拟认定为\s*监测对象/);
    expect(adminText).toMatch(/监测对象类别\s*突发严重困难户/);
    expect(adminText).not.toMatch(ENGLISH_ENUM);
  });

  it("shows the audit entry of a decision with Chinese statuses and kinds in its before/after", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const auditor = await signIn("pingchuan", "auditor");
    const { householdId } = await householdSetup("pingchuan", { status: "poor", headName: "欧阳修远" });
    await createDecision("pingchuan", admin.token, householdId);
    const res = await call("/t/pingchuan/admin/audit?action=decision.create", { headers: { Cookie: auditor.cookie } });
    expect(res.status).toBe(200);
    // A readable diff: field labels and values in Chinese; the recorded JSON only behind 原始记录.
    const html = await res.text();
    const text = visibleText(html.replace(/<details class="raw">[\s\S]*?<\/details>/g, ""));
    expect(text).toMatch(/状态：\s*未脱贫/);
    expect(text).toMatch(/类别：\s*脱贫退出/);
    expect(text).toMatch(/新状态：\s*已脱贫/);
    expect(text).not.toMatch(/"(status|kind|toStatus)"/);
    expect(text).not.toMatch(/\b(poor|exited|exit)\b/);
  });
});
