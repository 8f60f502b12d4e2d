/// <reference types="node" />
/**
 * Debian's Chromium driven by playwright-core. No browser is ever downloaded: install it with
 * `apt-get install -y chromium` (.ci/run does). Each launch gets a fresh temporary profile
 * (user data dir) that Playwright deletes on close.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

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
