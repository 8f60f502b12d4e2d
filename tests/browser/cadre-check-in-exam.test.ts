import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, newContext, pageWidth, shot, signInDemo, VIEWPORTS } from "./browser.ts";

/**
 * Issue 12: "a cadre checks in and takes a test on a 360 px phone in Chromium". The demo cadre
 * (a first secretary with nothing checked in today, db/seed/modules/people.ts) checks in with the
 * phone's location, then takes an 应知应会 test the county has just set on a desktop, and sees the
 * score at once; the paper never marks a right answer before it is handed in.
 */
const baseUrl = inject("baseUrl");
const T = "longquanyi";
const ADMIN = `${baseUrl}/t/${T}/admin`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await signInDemo(page, ADMIN, username);
  return page;
}

describe("a cadre on a 360 px phone", () => {
  it("checks in with the phone's location, one tap, and sees the result", async () => {
    const phone = await browser.newContext({
      ...VIEWPORTS.phone,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      geolocation: { latitude: 30.5572, longitude: 104.2694, accuracy: 25 },
      permissions: ["geolocation"],
    });
    try {
      const page = await signIn(phone, "cadre");
      await page.goto(`${ADMIN}/check-in`);
      expect(await page.getByRole("heading", { level: 1, name: "签到" }).isVisible()).toBe(true);
      // The page's script fills the location in before the tap.
      await expect.poll(async () => Number(await page.locator("input[name=latitude]").inputValue())).toBe(30.5572);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, "cadre-check-in-phone");
      await page.getByRole("button", { name: "签到", exact: true }).click();
      const result = page.getByRole("status").filter({ hasText: "已签到" });
      await expect.poll(() => result.textContent()).toContain("已签到");
      expect(await result.textContent()).toMatch(/距村登记位置|本村尚未登记位置/);
      expect(await page.getByText("今天还没有签到。").count()).toBe(0);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, "cadre-checked-in-phone");
    } finally {
      await phone.close();
    }
  });

  it("takes the test the county has just set, and is scored on submit", async () => {
    const desk = await newContext(browser, "desktop");
    const phone = await newContext(browser, "phone");
    try {
      const title = `应知应会随堂测试（浏览器测试 ${Date.now()}）`;
      const admin = await signIn(desk, "admin");
      await admin.goto(`${ADMIN}/exams`);
      await admin.getByLabel("测试名称").fill(title);
      await admin.getByLabel("题量").fill("5");
      await Promise.all([
        admin.waitForURL(/\/admin\/exams\/\d+/),
        admin.getByRole("button", { name: "创建测试" }).click(),
      ]);

      const page = await signIn(phone, "cadre");
      await page.goto(`${ADMIN}/exams`);
      const card = page.locator("form.card", { hasText: title });
      expect(await card.count()).toBe(1);
      await Promise.all([
        page.waitForURL(/\/admin\/exams\/attempts\/\d+/),
        card.getByRole("button", { name: "开始答题" }).click(),
      ]);
      const questions = page.locator("form.exam fieldset");
      expect(await questions.count()).toBe(5);
      // Before submit nothing tells a right option from a wrong one.
      expect(await page.locator("form.exam").textContent()).not.toMatch(/正确|错误|✓|✗/);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, "cadre-exam-phone");
      for (const q of await questions.all()) await q.locator("input[type=radio]").first().check();
      await page.getByRole("button", { name: "交卷" }).click();
      const score = page.getByRole("status").filter({ hasText: "得分" });
      await expect.poll(() => score.textContent()).toMatch(/得分 \d+（答对 \d \/ 5 题）/);
      // Afterwards each answer is marked, and the paper cannot be handed in again.
      expect(await page.getByText(/✓ 正确|✗ 错误/).count()).toBe(5);
      expect(await page.getByRole("button", { name: "交卷" }).count()).toBe(0);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, "cadre-exam-scored-phone");
    } finally {
      await desk.close();
      await phone.close();
    }
  });
});
