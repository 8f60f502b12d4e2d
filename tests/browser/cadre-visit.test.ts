import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, pageWidth, shot, signInDemo, VIEWPORTS } from "./browser.ts";

/**
 * Issue 3: "a cadre logs in on a phone-sized window and records a visit".
 * The demo `cadre` user (陈晓东, linked by the seed to a first secretary with paired households,
 * db/seed/modules/registry.ts) signs in on a 360×740 phone with JavaScript OFF (admin pages must
 * work without it), opens 记录走访, records a visit to one of the paired households and finds it
 * in the 走访日志 list.
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

describe("cadre records a visit on a phone (360×740, JavaScript off)", () => {
  it("signs in → 记录走访 → paired household, occasion, help, notes → sees it in 走访日志", async () => {
    const context = await browser.newContext({
      ...VIEWPORTS.phone,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      await signInDemo(page, ADMIN, "cadre");
      await expect.poll(() => page.getByRole("heading", { level: 1, name: "工作台" }).isVisible()).toBe(true);
      const who = await page.locator("header .who").textContent();
      expect(who).toContain("陈晓东");
      expect(who).toContain("驻村（帮扶）干部");
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, "cadre-dashboard-phone");

      // Phones get the navigation as a native disclosure (no JavaScript needed).
      await page.locator("nav.main details.menu summary").click();
      await Promise.all([
        page.waitForURL(/\/admin\/visits$/),
        page.locator("nav.main details.menu").getByRole("link", { name: "走访日志" }).click(),
      ]);
      await Promise.all([
        page.waitForURL(/\/admin\/visits\/new$/),
        page.getByRole("link", { name: "记录走访" }).click(),
      ]);
      await expect.poll(() => page.getByRole("heading", { level: 1, name: "记录走访" }).isVisible()).toBe(true);
      // A cadre records only their own visits: no cadre picker, the form is there at once.
      expect(await page.locator("select[name=cadreId]").count()).toBe(0);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);

      const target = page.getByLabel("走访对象");
      const paired = target.locator('optgroup[label="结对户"] option');
      expect(await paired.count()).toBeGreaterThan(0);
      const value = (await paired.first().getAttribute("value"))!;
      const optionText = ((await paired.first().textContent()) ?? "").trim(); // e.g. 黄飞东户（洪福村）
      const headName = optionText.slice(0, optionText.indexOf("户"));
      expect(value).toMatch(/^h:\d+$/);
      expect(headName.length).toBeGreaterThan(0);
      // Only the cadre's own paired households are offered.
      const offered = await paired.allInnerTexts();
      expect(offered.length).toBeLessThanOrEqual(5);

      const notes = `入户走访，了解秋收和务工情况，宣讲产业奖补政策（浏览器测试 ${Date.now()}）`;
      await target.selectOption(value);
      expect(await page.getByLabel("走访日期").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/); // today, prefilled
      await page.getByLabel("走访情形（六走访）").selectOption({ label: "生产忙季" });
      await page.getByLabel("政策", { exact: true }).check();
      await page.getByLabel("销路", { exact: true }).check();
      await page.getByLabel("走访情况").fill(notes);
      // Checkboxes are finger-sized and their labels sit beside them, not below.
      const box = (await page.getByLabel("政策", { exact: true }).boundingBox())!;
      expect(box.width).toBeLessThan(40);
      await shot(page, "cadre-visit-form-phone");

      await Promise.all([
        page.waitForURL(/\/admin\/visits\?done=created$/),
        page.getByRole("button", { name: "保存走访记录" }).click(),
      ]);
      expect(await page.getByRole("status").textContent()).toContain("走访记录已保存");
      const row = page.locator("tbody tr", { hasText: notes });
      expect(await row.count()).toBe(1);
      const cells = await row.locator("td").allInnerTexts();
      expect(cells[1]).toBe("陈晓东");
      expect(cells[2]).toContain(`${headName}户`);
      expect(cells[3]).toBe("生产忙季");
      expect(cells[4]).toBe("政策、销路");
      expect(await pageWidth(page)).toBeLessThanOrEqual(360); // the table scrolls inside .table-wrap
      await row.scrollIntoViewIfNeeded();
      await shot(page, "cadre-visit-list-phone");
    } finally {
      await context.close();
    }
  });
});
