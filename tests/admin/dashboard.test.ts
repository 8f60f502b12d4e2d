import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";

const dashboard = async (tenant: string, cookie: string) => {
  const res = await call(`/t/${tenant}/admin`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return res.text();
};

describe("dashboard (工作台)", () => {
  it("shows a finance officer the year's money in yuan and no account or audit figures", async () => {
    const s = await signIn("longquanyi", "finance_officer");
    const html = await dashboard("longquanyi", s.cookie);
    expect(html).toContain("年资金");
    expect(html).toMatch(/<b>¥[\d,]+\.\d\d<\/b>\s*<span>年度预算<\/span>/);
    expect(html).toContain("财务人员");
    expect(html).not.toContain("在用账号");
    expect(html).not.toContain("审计日志条目");
  });

  it("shows a cadre their shortcuts and neither money nor coverage tiles nor the role's English key", async () => {
    const s = await signIn("pingchuan", "cadre");
    const html = await dashboard("pingchuan", s.cookie);
    expect(html).toContain("记录走访");
    expect(html).toContain("我的结对");
    expect(html).toContain("驻村（帮扶）干部");
    expect(html).not.toContain("年资金");
    expect(html).not.toContain("帮扶覆盖缺口");
    expect(html).not.toContain("（cadre");
  });

  it("shows an auditor the account and audit counts, and the tenant's level in Chinese", async () => {
    const s = await signIn("longquanyi", "auditor");
    const html = await dashboard("longquanyi", s.cookie);
    expect(html).toContain("审计日志条目");
    expect(html).toContain("区县级");
    expect(html).toContain("查看审计日志");
    expect(html).not.toContain("新建用户");
  });
});
