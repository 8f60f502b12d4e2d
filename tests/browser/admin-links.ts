import type { Page } from "playwright-core";
import { signInDemo } from "./browser.ts";

/**
 * Crawling the demo tenant's admin pages by their links (admin-crawl, phone-overflow): one
 * visit per path pattern, same-origin admin pages only, no sign-out and no downloads.
 */
export const ADMIN = "/t/longquanyi/admin";

/** A path as a pattern: `/households/17?page=2` → `/households/:id` (one template, one visit). */
export function pattern(url: URL): string {
  return url.pathname.replace(/\/\d+(?=\/|$)/g, "/:id").replace(/\/$/, "");
}

export function followable(url: URL, baseUrl: string): boolean {
  if (url.origin !== new URL(baseUrl).origin) return false;
  if (!url.pathname.startsWith(ADMIN)) return false;
  if (/\/(logout|login)$/.test(url.pathname)) return false;
  // Downloads: CSV exports, templates and printouts are files, not pages.
  if (/\/(export|template)(\.\w+)?$|\.(csv|json|jsonl|xlsx)$/.test(url.pathname)) return false;
  if (url.searchParams.get("format") === "csv") return false;
  return true;
}

/** Signs in with a demo login (password bangfu-demo) and waits for the dashboard. */
export async function signInAs(page: Page, baseUrl: string, login: string): Promise<void> {
  await signInDemo(page, `${baseUrl}${ADMIN}`, login);
}

/** The page's links to admin pages of a pattern not `seen` yet (marking them seen). */
export async function newLinks(page: Page, baseUrl: string, seen: Set<string>): Promise<string[]> {
  const hrefs = (await page.evaluate(
    `[...document.querySelectorAll("a[href]:not([download])")].map((a) => a.href)`,
  )) as string[];
  const found: string[] = [];
  for (const href of hrefs) {
    const next = new URL(href);
    next.hash = "";
    if (!followable(next, baseUrl)) continue;
    const key = pattern(next);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(next.href);
  }
  return found;
}
