import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, screenshotPath } from "./browser.ts";

const baseUrl = inject("baseUrl");
const T = "longquanyi";
let browser: Browser;

/** Builds the test village through the API of the isolated dev server (as an officer would). */
async function setup() {
  const login = (await (
    await fetch(`${baseUrl}/t/${T}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "bangfu-demo" }),
    })
  ).json()) as { token: string };
  const call = async (path: string, json?: unknown, method = json ? "POST" : "GET") => {
    const res = await fetch(`${baseUrl}/t/${T}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${login.token}`, "Content-Type": "application/json" },
      body: json ? JSON.stringify(json) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const suffix = String((Date.now() % 900) + 100);
  const township = "510112986";
  const village = `${township}${suffix}`;
  await call("/townships", { code: township, name: "浏览器镇" }).catch(() => undefined);
  await call("/villages", { code: village, name: `桃源${suffix}村`, tags: ["poor"] });
  const unit = await call("/units", { name: `龙泉驿区农业农村局${suffix}`, kind: "party_government", level: "county" });
  const cadre = await call("/cadres", {
    name: "李建华",
    unitId: unit.id,
    position: "四级主任科员",
    officePhone: "028-84851234",
  });
  await call("/assignments", {
    cadreId: cadre.id,
    villageCode: village,
    role: "first_secretary",
    startDate: "2025-03-01",
  });
  const idNumber = "510112198001010014";
  const hh = await call("/households", { headName: "王秀英", idNumber, villageCode: village, status: "poor" });
  const program = await call("/programs", {
    name: `产业奖补${Date.now()}`,
    category: "industry_support",
    fundSource: "county",
    recipientKind: "household",
    ruleKind: "per_line",
  });
  await call(`/programs/${program.id}/budgets/${new Date().getFullYear()}`, { budgetFen: 100_000_000 }, "PUT");
  const batch = await call("/batches", { programId: program.id, period: String(new Date().getFullYear()) });
  await call(`/batches/${batch.id}/lines`, { recipientId: hh.id, amountFen: 300_000, purpose: "养殖奖补" });
  const submitted = await call(`/batches/${batch.id}/submit`, {});
  return {
    village,
    villageName: `桃源${suffix}村`,
    noticeId: submitted.noticeId as number,
    name: "王秀英",
    idTail: idNumber.slice(-6),
  };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

let data: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  browser = await launchBrowser();
  data = await setup();
});
afterAll(async () => {
  await browser?.close();
});

describe("public site on a phone (360×740), JavaScript off", () => {
  it("village page → team → notice → objection → tracking code → self-query", async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      const home = await page.goto(`${baseUrl}/t/${T}/`);
      expect(home?.status()).toBe(200);
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      await shot(page, "public-home-phone");

      await page.goto(`${baseUrl}/t/${T}/v/${data.village}`);
      await expect.poll(() => page.getByRole("heading", { level: 1, name: data.villageName }).isVisible()).toBe(true);
      const team = await page.locator("#team + ul").textContent();
      expect(team).toContain("李建华");
      expect(team).toContain("第一书记");
      expect(team).toContain("028-84851234");
      // readable: base font ≥ 16 px, nothing wider than the screen
      expect(
        await page
          .locator("body")
          .evaluate((b) => parseFloat(b.ownerDocument.defaultView!.getComputedStyle(b).fontSize)),
      ).toBeGreaterThanOrEqual(16);
      expect(await page.locator("html").evaluate((h) => h.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(page, "public-village-phone");

      await page
        .getByRole("link", { name: /发放名单公示/ })
        .first()
        .click();
      await expect
        .poll(() => page.getByRole("heading", { level: 2, name: "名单（姓名已脱敏）" }).isVisible())
        .toBe(true);
      expect(await page.locator("table").textContent()).toContain("王*英");
      expect(await page.content()).not.toContain("王秀英");
      await shot(page, "public-notice-phone");

      await page.getByLabel("针对第几条").fill("1");
      await page.getByLabel("异议内容 *").fill("该户去年已享受同类奖补，请核实。");
      await Promise.all([page.waitForURL(/\/track\?code=/), page.getByRole("button", { name: "提交异议" }).click()]);
      const code = new URL(page.url()).searchParams.get("code")!;
      expect(code).toMatch(/^[2-9A-Z]{10}$/);
      expect(await page.locator("main").textContent()).toContain(code);
      await shot(page, "public-objection-submitted-phone");

      await page.goto(`${baseUrl}/t/${T}/track`);
      await page.getByLabel("查询码").fill(code.toLowerCase());
      await Promise.all([page.waitForURL(/code=/), page.getByRole("button", { name: "查询" }).click()]);
      const tracked = await page.locator("main").textContent();
      expect(tracked).toContain("该户去年已享受同类奖补");
      expect(tracked).toContain("待答复");
      await shot(page, "public-track-phone");

      await page.goto(`${baseUrl}/t/${T}/query`);
      await page.getByLabel("户主姓名").fill(data.name);
      await page.getByLabel("身份证号码后 6 位").fill(data.idTail);
      await Promise.all([page.waitForLoadState(), page.getByRole("button", { name: "查询" }).click()]);
      await expect.poll(() => page.getByRole("heading", { level: 2, name: "查询结果" }).isVisible()).toBe(true);
      await shot(page, "public-self-query-phone");

      await page.goto(`${baseUrl}/t/${T}/v/${data.village}/poster`);
      expect(await page.locator(".qr svg").count()).toBe(1);
      await shot(page, "public-poster-phone");
    } finally {
      await context.close();
    }
  });

  it("no console errors or CSP violations with JavaScript on", async () => {
    const context = await newContext(browser, "phone");
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    try {
      await page.goto(`${baseUrl}/t/${T}/v/${data.village}`);
      const bg = await page
        .locator("header")
        .evaluate((h) => h.ownerDocument.defaultView!.getComputedStyle(h).backgroundColor);
      expect(bg).toBe("rgb(163, 21, 21)"); // the inline stylesheet applied (allowed by its CSP hash)
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
