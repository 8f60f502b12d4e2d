import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshotPath } from "./browser.ts";

/**
 * Issue 10 "public pages for a villager", on the seeded demo tenant: every public page is
 * readable on a cheap phone (no text under 16 px, nothing wider than a 320 px screen), the
 * ledger speaks plain words, and an open notice prints on A4 with its QR code. Screenshots at
 * 360 px and 1280 px go to tests/output/screenshots/.
 */
const baseUrl = inject("baseUrl");
const T = "longquanyi";
let browser: Browser;

/** Texts drawn under 16 px: every element holding its own text, with its computed size. */
const SMALL_TEXT = `(() => {
  const small = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== "");
    if (!own || el.closest("svg, [hidden], .skip")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(el.tagName.toLowerCase() + "." + el.className + " " + size + "px: " + el.textContent.trim().slice(0, 20));
  }
  return small;
})()`;

async function publicPaths(): Promise<string[]> {
  const home = await (await fetch(`${baseUrl}/t/${T}/`)).text();
  // The home lists townships; each township's page lists its villages.
  const township = home.match(/href="(\/t\/longquanyi\/townships\/\d{9})"/)?.[1];
  expect(township).toBeDefined();
  const townshipPage = await (await fetch(`${baseUrl}${township!}`)).text();
  const village = townshipPage.match(/href="(\/t\/longquanyi\/v\/\d{12})"/)?.[1];
  const notice = home.match(/href="(\/t\/longquanyi\/notices\/\d+)"/)?.[1];
  expect(village).toBeDefined();
  expect(notice).toBeDefined();
  return [
    `/t/${T}/`,
    village!,
    notice!,
    `${notice!}/print`,
    `${village!}/poster`,
    `/t/${T}/ledger`,
    `/t/${T}/query`,
    `/t/${T}/feedback`,
    `/t/${T}/track`,
    `/t/${T}/open-data`,
    township!,
  ];
}

let paths: string[];
beforeAll(async () => {
  browser = await launchBrowser();
  paths = await publicPaths();
});
afterAll(async () => {
  await browser?.close();
});

async function open(width: number, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width, height: 740 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    javaScriptEnabled: true,
  });
  const page = await context.newPage();
  const res = await page.goto(`${baseUrl}${path}`);
  expect(res?.status()).toBe(200);
  return { page, close: () => context.close() };
}

function shotName(path: string, width: number): string {
  const name = path.replace(`/t/${T}`, "").replace(/\/\d+/g, "").replace(/\W+/g, "-").replace(/^-|-$/g, "");
  return `public-${name || "home"}-${width}`;
}

describe("public pages are readable on a 320 px phone (demo tenant)", () => {
  it("no text under 16 px and no horizontal overflow at 320 px, on every public page", async () => {
    const problems: string[] = [];
    for (const path of paths) {
      const { page, close } = await open(320, path);
      try {
        for (const s of (await page.evaluate(SMALL_TEXT)) as string[]) problems.push(`${path} ${s}`);
        const width = await page.evaluate("document.documentElement.scrollWidth");
        if ((width as number) > 320) problems.push(`${path} 宽 ${width}px`);
      } finally {
        await close();
      }
    }
    expect(problems).toEqual([]);
  });

  it("screenshots at 360 px and 1280 px (home, village, notice, its A4 version, ledger)", async () => {
    const shown = paths.slice(0, 4).concat(paths[5]!);
    for (const width of [360, 1280])
      for (const path of shown) {
        const { page, close } = await open(width, path);
        try {
          await page.screenshot({ path: screenshotPath(shotName(path, width)), fullPage: true });
        } finally {
          await close();
        }
      }
    expect(shown).toContain(`/t/${T}/ledger`);
  });
});

describe("the ledger for villagers and the printable notice", () => {
  it("the ledger says what it proves and offers the download; no command line", async () => {
    const { page, close } = await open(360, `/t/${T}/ledger`);
    try {
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("这本账能证明什么");
      expect(text).not.toContain("verify-ledger");
      expect(text).not.toContain("node ");
      expect(await page.getByRole("link", { name: "下载账本文件" }).getAttribute("href")).toBe(
        `/t/${T}/api/v1/ledger/export`,
      );
    } finally {
      await close();
    }
  });

  it("an open notice links to its A4 version, which has the whole list and a QR code back to it", async () => {
    const notice = paths[2]!;
    const { page, close } = await open(1280, notice);
    try {
      await Promise.all([
        page.waitForURL(/\/print$/),
        page.getByRole("link", { name: "打印张贴版（A4，带二维码）" }).click(),
      ]);
      expect(await page.locator(".pn-qr svg").count()).toBe(1);
      expect(await page.locator(".pn-qr svg title").textContent()).toContain("扫码查看");
      expect(await page.locator("main").textContent()).toContain(`${baseUrl}${notice}`);
      // Printed: A4, the screen-only hint gone, the QR code still there.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".np").first().isVisible()).toBe(false);
      expect(await page.locator(".pn-qr svg").isVisible()).toBe(true);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
      await page.screenshot({ path: screenshotPath("public-notice-print-as-printed"), fullPage: true });
    } finally {
      await close();
    }
  });
});
