import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import * as zh from "../../web/i18n/zh-CN.ts";
import { launchBrowser, VIEWPORTS } from "./browser.ts";
import { ADMIN, newLinks, pattern, signInAs } from "./admin-links.ts";

/**
 * Issue 10 "dead ends and raw output": every admin page a role reaches by following links, on the
 * seeded demo tenant, for each of the five demo logins. A page fails the crawl when it answers
 * 404 or 403 (a link the role should not have been shown), 5xx, or shows an English enum key,
 * a JSON field name or raw JSON to the reader. Machine text shown on purpose (hashes, codes,
 * usernames) sits in `code`, `kbd`, `samp` or `translate="no"` and is not read.
 *
 * Bounded so it stays near two minutes: same-origin /t/<tenant>/admin pages only, no sign-out,
 * no downloads or API links, one page per path pattern (numbers → :id, query values ignored) and
 * at most MAX_PAGES pages per role; the five roles crawl at the same time.
 */
const baseUrl = inject("baseUrl");
const MAX_PAGES = 160;
const LOGINS = ["admin", "finance", "township", "cadre", "auditor"] as const;

/**
 * The screens added in the second round, which the crawl must reach by links for each role that
 * has them (the crawl is bounded: a screen left out of the bound would go unchecked).
 */
const SUPERVISION = ["/letters", "/letters/:id", "/inspections", "/inspections/:id", "/problems", "/escalations"];
const MUST_REACH: Record<(typeof LOGINS)[number], string[]> = {
  admin: [
    ...SUPERVISION,
    "/supervision-report",
    "/reviews",
    "/reviews/:id",
    "/assessments",
    "/assessments/:id",
    "/assessment-templates",
    "/cadres/:id/record",
    "/teams/:id/record",
    "/units/:id/record",
    "/oversight-report",
    "/check-ins",
    "/leaves",
    "/leaves/:id",
  ],
  finance: ["/reviews", "/assessments", "/assessment-templates", "/cadres/:id/record"],
  township: [...SUPERVISION, "/supervision-report", "/reviews", "/assessments", "/check-ins", "/leaves"],
  cadre: [
    ...SUPERVISION.filter((p) => p !== "/escalations"),
    "/check-in",
    "/leaves",
    "/assessments",
    "/cadres/:id/record",
  ],
  auditor: [
    ...SUPERVISION,
    "/supervision-report",
    "/oversight-report",
    "/reviews",
    "/reviews/:id",
    "/assessments",
    "/assessments/:id",
    "/cadres/:id/record",
    "/check-ins",
  ],
};

/**
 * Every key of every closed list in the dictionary (poor, exited, cadre_household, …), except the
 * demo logins' usernames: `township` and `cadre` are also keys, but a username is data, shown as typed.
 */
const ENUM_KEYS = new Set(
  Object.values(zh)
    .filter((v) => typeof v === "object" && v !== null)
    .flatMap((dict) => Object.keys(dict as object))
    .filter((k) => /^[a-z][a-z_]+$/.test(k) && !(LOGINS as readonly string[]).includes(k)),
);

/**
 * What a reader sees, minus machine text shown on purpose. Run in the page (a string: the test
 * project has no DOM types); textContent of a copy with those parts removed.
 */
const READABLE_TEXT = `(() => {
  const main = document.querySelector("main") ?? document.body;
  const copy = main.cloneNode(true);
  for (const el of copy.querySelectorAll("code, kbd, samp, pre, [translate=no], script, style, textarea, [hidden], template"))
    el.remove();
  return copy.textContent ?? "";
})()`;

function readableText(page: Page): Promise<string> {
  return page.evaluate(READABLE_TEXT) as Promise<string>;
}

function rawOutput(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[{[]\s*"[A-Za-z_]\w*"\s*:/g)) found.add(`JSON ${m[0]}`);
  for (const m of text.matchAll(/\b[A-Za-z][A-Za-z0-9_]*\b/g)) {
    const word = m[0];
    if (ENUM_KEYS.has(word)) found.add(`英文取值 ${word}`);
    else if (/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(word)) found.add(`字段名 ${word}`);
    else if (/^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(word)) found.add(`英文取值 ${word}`);
  }
  return [...found];
}

interface Problem {
  url: string;
  from: string;
  what: string;
}

async function crawl(browser: Browser, login: string): Promise<{ visited: string[]; problems: Problem[] }> {
  // Admin pages work without JavaScript; text needs no stylesheet: both off to keep the crawl fast.
  const context = await browser.newContext({ ...VIEWPORTS.desktop, locale: "zh-CN", javaScriptEnabled: false });
  await context.route(/\/static\//, (route) => route.abort());
  const page = await context.newPage();
  const problems: Problem[] = [];
  const visited: string[] = [];
  try {
    await signInAs(page, baseUrl, login);

    const seen = new Set<string>();
    const queue: { url: string; from: string }[] = [{ url: `${baseUrl}${ADMIN}`, from: "登录" }];
    seen.add(pattern(new URL(queue[0]!.url)));
    while (queue.length > 0 && visited.length < MAX_PAGES) {
      const { url, from } = queue.shift()!;
      visited.push(url);
      const res = await page.goto(url, { waitUntil: "domcontentloaded" });
      const status = res?.status() ?? 0;
      const at = new URL(page.url());
      if (status >= 400) {
        problems.push({ url, from, what: `HTTP ${status}` });
        continue;
      }
      if (!at.pathname.startsWith(ADMIN) || at.pathname.endsWith("/login")) {
        problems.push({ url, from, what: `跳转到 ${at.pathname}` });
        continue;
      }
      for (const what of rawOutput(await readableText(page))) problems.push({ url, from, what });
      for (const next of await newLinks(page, baseUrl, seen)) queue.push({ url: next, from: url });
    }
  } finally {
    await context.close();
  }
  return { visited, problems };
}

let browser: Browser;
let results: Map<string, Awaited<ReturnType<typeof crawl>>>;

beforeAll(async () => {
  browser = await launchBrowser();
  const all = await Promise.all(LOGINS.map(async (login) => [login, await crawl(browser, login)] as const));
  results = new Map(all);
}, 420_000);
afterAll(async () => {
  await browser?.close();
});

describe("every admin page reachable by links, per role (demo tenant 成都市龙泉驿区)", () => {
  for (const login of LOGINS) {
    it(`${login}: no 404, no 403 behind a visible link, no English value or raw JSON`, () => {
      const r = results.get(login)!;
      console.log(`${login}: ${r.visited.length} pages`);
      const reached = new Set(r.visited.map((u) => pattern(new URL(u)).replace(ADMIN, "")));
      expect(MUST_REACH[login].filter((p) => !reached.has(p))).toEqual([]);
      const report = r.problems.map(
        (p) => `${p.what}  ${p.url.replace(baseUrl, "")}  (来自 ${p.from.replace(baseUrl, "")})`,
      );
      expect(report).toEqual([]);
      // The crawl went somewhere: the dashboard and the role's screens.
      expect(r.visited.length).toBeGreaterThan(5);
    });
  }
});
