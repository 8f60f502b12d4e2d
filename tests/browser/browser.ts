/// <reference types="node" />
/**
 * Debian's Chromium driven by playwright-core. No browser is ever downloaded: install it with
 * `apt-get install -y chromium` (.ci/run does). Each launch gets a fresh temporary profile
 * (user data dir) that Playwright deletes on close.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = fileURLToPath(new URL("../output/screenshots/", import.meta.url));

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh context (cookies, storage) with one of the VIEWPORTS, in Chinese. */
export function newContext(browser: Browser, kind: keyof typeof VIEWPORTS): Promise<BrowserContext> {
  return browser.newContext({ ...VIEWPORTS[kind], locale: "zh-CN", timezoneId: "Asia/Shanghai" });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** A full-page screenshot in tests/output/screenshots/ (looked at after each run). */
export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** How wide the page is: nothing may be wider than a phone's screen (tables stack as cards). */
export function pageWidth(page: Page): Promise<number> {
  return page.locator("html").evaluate((h) => h.scrollWidth);
}

/** Signs `page` in at `adminUrl` (…/t/<tenant>/admin) with a demo login and waits for the dashboard. */
export async function signInDemo(page: Page, adminUrl: string, login: string): Promise<void> {
  await page.goto(`${adminUrl}/login`);
  await page.getByLabel("用户名").fill(login);
  await page.getByLabel("密码").fill("bangfu-demo");
  await Promise.all([page.waitForURL(/\/admin\/?$/), page.getByRole("button", { name: "登录" }).click()]);
}
