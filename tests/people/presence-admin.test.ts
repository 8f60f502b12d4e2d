import { describe, expect, it } from "vitest";
import { call, postForm } from "../helpers/http.ts";
import type { Session } from "../helpers/users.ts";
import { beijingDay, plusDays, residentCadre } from "./presence-fixtures.ts";

const T = "pingchuan";
const page = (s: Session, path: string) => call(`/t/${T}/admin${path}`, { headers: { Cookie: s.cookie } });
const post = (s: Session, path: string, fields: Record<string, string>) =>
  postForm(`/t/${T}/admin${path}`, { ...fields, _csrf: s.csrfToken }, { cookie: s.cookie });
const follow = (s: Session, res: Response) => call(res.headers.get("location")!, { headers: { Cookie: s.cookie } });

describe("admin screens: check-in and leave", () => {
  it("check-in page: one form, the script from /static only, works without JavaScript (no location, a reason)", async () => {
    const { cadre } = await residentCadre(T);
    const html = await (await page(cadre, "/check-in")).text();
    expect(html).toContain('id="check-in-form"');
    expect(html).toContain('<script src="/static/check-in.js" defer="">');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]+<\/script>/);
    expect(html).toContain('value="unsupported" selected');

    const bad = await post(cadre, "/check-in", { latitude: "95", longitude: "104", noLocationReason: "unsupported" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("纬度须在 -90 到 90 度之间");

    // What a phone without JavaScript sends: the hidden fields empty, the reason select's default.
    const ok = await post(cadre, "/check-in", {
      latitude: "",
      longitude: "",
      accuracy: "",
      noLocationReason: "unsupported",
    });
    expect(ok.status).toBe(303);
    const after = await (await follow(cadre, ok)).text();
    expect(after).toContain("已签到");
    expect(after).toContain("未带位置，已记录原因");
    const twice = await post(cadre, "/check-in", { noLocationReason: "unsupported" });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("已经签到过了");

    const js = await call("/static/check-in.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect(await js.text()).toContain("getCurrentPosition");
  });

  it("leave through the forms: the cadre asks, the township approves, the lists show it", async () => {
    const { cadre, officer } = await residentCadre(T);
    const start = plusDays(beijingDay(new Date()), 3);
    const bad = await post(cadre, "/leaves", {
      kind: "personal",
      startDate: start,
      endDate: plusDays(start, -1),
      reason: "探亲",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("结束日期不能早于开始日期");
    const ok = await post(cadre, "/leaves", {
      kind: "sick",
      startDate: start,
      endDate: plusDays(start, 1),
      reason: "住院检查",
    });
    expect(ok.status).toBe(303);
    const detail = await (await follow(cadre, ok)).text();
    expect(detail).toContain("已提交请假，待乡镇审批");
    expect(detail).toContain("病假");
    const id = ok.headers.get("location")!.match(/leaves\/(\d+)/)![1]!;

    const pending = await (await page(officer, "/leaves?status=pending")).text();
    expect(pending).toContain("待审批");
    const approved = await post(officer, `/leaves/${id}/approve`, { note: "注意休息" });
    expect(approved.status).toBe(303);
    expect(await (await follow(officer, approved)).text()).toContain("注意休息");
    const again = await post(officer, `/leaves/${id}/approve`, { note: "" });
    expect(again.status).toBe(409);
  });

  it("officers see the month's presence and the check-in records; the coverage screen has the absence gap", async () => {
    const { officer, admin } = await residentCadre(T);
    const summary = await page(officer, "/check-ins/summary");
    expect(summary.status).toBe(200);
    expect(await summary.text()).toContain("签到天数");
    expect((await page(officer, "/check-ins/summary?month=2025-13")).status).toBe(400);
    expect((await page(officer, "/check-ins?flag=far")).status).toBe(200);
    expect((await page(officer, "/check-in")).status).toBe(403);
    const coverage = await (await page(admin, "/coverage")).text();
    expect(coverage).toContain("驻村干部长期不在岗");
  });
});
