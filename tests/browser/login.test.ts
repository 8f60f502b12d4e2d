import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, screenshotPath, VIEWPORTS } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("admin sign-in (demo tenant 成都市龙泉驿区)", () => {
  for (const kind of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    it(`signs in as admin and sees the dashboard (${kind})`, async () => {
      const context = await newContext(browser, kind);
      const page = await context.newPage();
      try {
        const res = await page.goto(`${baseUrl}/t/longquanyi/admin/login`);
        expect(res?.status()).toBe(200);
        await expect.poll(() => page.getByRole("heading", { name: "登录管理后台" }).isVisible()).toBe(true);
        await page.screenshot({ path: screenshotPath(`login-${kind}`), fullPage: true });

        await page.getByLabel("用户名").fill("admin");
        await page.getByLabel("密码").fill("bangfu-demo");
        await Promise.all([
          page.waitForURL(/\/t\/longquanyi\/admin\/?$/),
          page.getByRole("button", { name: "登录" }).click(),
        ]);

        await expect.poll(() => page.getByRole("heading", { level: 1, name: "工作台" }).isVisible()).toBe(true);
        expect(await page.locator("main").textContent()).toContain("成都市龙泉驿区");
        await page.screenshot({ path: screenshotPath(`dashboard-${kind}`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
