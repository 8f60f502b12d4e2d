import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, pageWidth, shot, signInDemo } from "./browser.ts";

/**
 * Issue 11: "collect ratings at a meeting (the QR path tried in Chromium)". The county's
 * administrator registers a 述职评议 meeting on a desktop, prints one-time QR ballot slips, and a
 * villager at the meeting opens a slip's code on a phone, rates with one tap, and cannot use the
 * same slip again; the meeting's page counts the 扫码票 and never shows who rated what.
 */
const baseUrl = inject("baseUrl");
const T = "pingchuan";
const ADMIN = `${baseUrl}/t/${T}/admin`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** `YYYY-MM-DDTHH:MM` in China time, `minutes` from now: what a datetime-local field holds. */
function chinaLocal(minutes: number): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(Date.now() + minutes * 60_000));
  return parts.replace(" ", "T");
}

describe("述职评议 with QR ballots: printed on a desktop, rated on a phone", () => {
  it("registers the meeting → prints slips → a villager rates once → the count shows, anonymously", async () => {
    const desk = await newContext(browser, "desktop");
    const phone = await newContext(browser, "phone");
    try {
      const admin = await desk.newPage();
      await signInDemo(admin, ADMIN, "admin");

      await admin.goto(`${ADMIN}/reviews/new`);
      const subject = `驻村工作队年度述职（浏览器测试 ${Date.now()}）`;
      await admin.getByLabel("类别").selectOption({ index: 1 });
      await admin.getByLabel("召开会议的村").selectOption({ index: 1 });
      await admin.getByLabel("述职对象").fill(subject);
      await admin.getByLabel("会议日期").fill(chinaLocal(0).slice(0, 10));
      await admin.getByLabel("评议开始时间").fill(chinaLocal(-30));
      await admin.getByLabel("评议结束时间").fill(chinaLocal(120));
      await Promise.all([
        admin.waitForURL(/\/admin\/reviews\/\d+\?done=created$/),
        admin.getByRole("button", { name: "登记" }).click(),
      ]);
      const reviewUrl = admin.url().replace(/\?.*$/, "");
      expect(await admin.getByRole("heading", { level: 1 }).textContent()).toBe(subject);

      await admin.getByLabel("张数").fill("3");
      await admin.getByRole("button", { name: "生成并打印" }).click();
      await expect.poll(() => admin.locator(".sheet section").count()).toBe(3);
      // Each slip carries its QR code (an SVG with a title) and the code printed under it.
      expect(await admin.locator(".sheet section svg title").first().textContent()).toBe("扫码评议");
      const codes = (await admin.locator(".sheet .mono").allInnerTexts()).map((s) => s.trim());
      expect(new Set(codes).size).toBe(3);
      await shot(admin, "review-ballot-slips-desktop");

      // The villager's phone opens what the first slip's QR code holds.
      const villager = await phone.newPage();
      const slipUrl = `${baseUrl}/t/${T}/rate/${codes[0]}`;
      await villager.goto(slipUrl);
      expect(await villager.getByRole("heading", { level: 1 }).textContent()).toBe("群众评议");
      expect(await pageWidth(villager)).toBeLessThanOrEqual(360);
      await shot(villager, "review-rate-phone");
      await villager.getByRole("button", { name: "满意", exact: true }).click();
      await expect.poll(() => villager.getByText("评议已提交，谢谢！").isVisible()).toBe(true);
      await shot(villager, "review-rated-phone");

      // The same slip a second time: refused, in words a villager understands.
      await villager.goto(slipUrl);
      expect(await villager.getByText("这张评议票已经使用过").isVisible()).toBe(true);
      expect(await villager.getByRole("button", { name: "满意", exact: true }).count()).toBe(0);

      // The meeting's page: one 扫码票 for 满意, no names, no codes.
      await admin.goto(reviewUrl);
      const satisfied = admin.locator("tbody tr", { hasText: /^满意/ }).first();
      expect((await satisfied.locator("td").allInnerTexts()).map((s) => s.trim())).toEqual(["满意", "0", "1", "1"]);
      const page = await admin.content();
      for (const code of codes) expect(page).not.toContain(code);
      await shot(admin, "review-detail-desktop");
    } finally {
      await desk.close();
      await phone.close();
    }
  });
});
