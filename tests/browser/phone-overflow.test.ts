import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, screenshotPath } from "./browser.ts";
import { ADMIN, newLinks, pattern, signInAs } from "./admin-links.ts";

/**
 * Issue 10 "phones": no admin page scrolls sideways on a 360 px phone. Wide tables (batch lines,
 * the program report, the ledger, the audit log, every list) stack as cards under 600 px
 * (web/components/record-table.tsx, table.stack in admin.css). A page fails when the document is
 * wider than the screen, or when a table's box has to be scrolled sideways inside the page.
 *
 * Crawled like admin-crawl.test.ts (admin-links.ts: links only, one page per path pattern), with the stylesheet
 * and at a phone's width, for the county admin (who sees every screen) and a township officer.
 */
const baseUrl = inject("baseUrl");
const MAX_PAGES = 160;
const WIDTH = 360;
/** The wide tables the issue names: each must have been measured. */
const NAMED = ["/batches/:id", "/reports", "/reports/villages", "/ledger", "/programs/:id", "/audit"];

/** Run in the page: the document's width and every scrolling box wider than itself. */
const MEASURE = `(() => {
  const wide = [...document.querySelectorAll("main *")]
    .filter((e) => { const o = getComputedStyle(e).overflowX; return (o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth + 1; })
    .map((e) => e.tagName.toLowerCase() + "." + e.className + " " + e.scrollWidth + "px（" + (e.querySelector("th")?.textContent ?? "") + "…）");
  return { width: document.scrollingElement.scrollWidth, wide };
})()`;

async function crawl(login: string): Promise<{ measured: string[]; problems: string[] }> {
  const context = await newContext(browser, "phone");
  const page = await context.newPage();
  const measured: string[] = [];
  const problems: string[] = [];
  try {
    await signInAs(page, baseUrl, login);
    const queue = [`${baseUrl}${ADMIN}`];
    const seen = new Set([pattern(new URL(queue[0]!))]);
    while (queue.length > 0 && measured.length < MAX_PAGES) {
      const url = queue.shift()!;
      const res = await page.goto(url, { waitUntil: "load" });
      if ((res?.status() ?? 0) >= 400) continue; // the admin crawl reports dead links
      const key = pattern(new URL(url)).replace(ADMIN, "") || "/";
      measured.push(key);
      const m = (await page.evaluate(MEASURE)) as { width: number; wide: string[] };
      if (m.width > WIDTH) problems.push(`${key} 页面宽 ${m.width}px`);
      for (const w of m.wide) problems.push(`${key} 横向滚动 ${w}`);
      if (key === "/batches/:id" || key === "/reports")
        await page.screenshot({ path: screenshotPath(`phone-${login}${key.replace(/\W+/g, "-")}`), fullPage: true });
      queue.push(...(await newLinks(page, baseUrl, seen)));
    }
  } finally {
    await context.close();
  }
  return { measured, problems };
}

let browser: Browser;
let results: Map<string, Awaited<ReturnType<typeof crawl>>>;
beforeAll(async () => {
  browser = await launchBrowser();
  results = new Map(await Promise.all(["admin", "township"].map(async (l) => [l, await crawl(l)] as const)));
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

describe("admin pages on a 360 px phone (demo tenant)", () => {
  it("county admin: no page and no table scrolls sideways, the wide tables the issue names included", () => {
    const r = results.get("admin")!;
    console.log(`admin: ${r.measured.length} pages at ${WIDTH} px`);
    expect(NAMED.filter((p) => !r.measured.includes(p))).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it("township officer: no page and no table scrolls sideways", () => {
    const r = results.get("township")!;
    console.log(`township: ${r.measured.length} pages at ${WIDTH} px`);
    expect(r.measured).toContain("/households/:id");
    expect(r.problems).toEqual([]);
  });
});
