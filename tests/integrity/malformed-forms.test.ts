import { beforeAll, describe, expect, it, vi } from "vitest";
import { SELF } from "cloudflare:test";
import { createApp } from "../../workers/app.tsx";
import { call, ORIGIN } from "../helpers/http.ts";
import { csrfOf } from "../helpers/html.ts";
import { type Session, signIn } from "../helpers/users.ts";

/**
 * Every admin form (each POST under /t/:tenant/admin, read from the app's own route list so a new
 * form is covered the day it is added), posted by the county's administrator with a valid CSRF
 * token and a body a broken browser or an attacker would send: nothing, values of the wrong kind,
 * text far over any limit, bytes that are not UTF-8. The answer is a page or a redirect, never a
 * 5xx, and a refusal is explained in Chinese.
 */
vi.setConfig({ testTimeout: 180_000 });
const T = "pingchuan";

const PARAM_VALUES: Record<string, string> = {
  code: "510112001001",
  slug: "pingchuan",
  month: "2025-03",
  entity: "households",
};
const fillPath = (path: string) =>
  path
    .replace("/t/:tenant", `/t/${T}`)
    .replace(/:(\w+)(\{[^/]*\})?/g, (_, name: string) => PARAM_VALUES[name] ?? "999999");

/** Field names the admin forms use, each given a value no form accepts. */
const WRONG_VALUES: Record<string, string> = {
  name: "",
  code: "不是代码",
  amountYuan: "一百元",
  amountFen: "-1e309",
  year: "二〇二五",
  date: "2025-02-30",
  startDate: "昨天",
  endDate: "1999-99-99",
  idNumber: "11010519491231002X0",
  householdId: "abc",
  cadreId: "-1",
  villageCode: "5101",
  status: "<script>",
  kind: "nonexistent_kind",
  points: "NaN",
  count: "1e9",
};

let admin: Session;
let csrf: string;
let forms: string[];

beforeAll(async () => {
  admin = await signIn(T, "county_admin");
  const page = await call(`/t/${T}/admin`, { headers: { Cookie: admin.cookie } });
  csrf = csrfOf(await page.text());
  forms = [
    ...new Set(
      createApp()
        .routes.filter((r) => r.method === "POST" && r.path.startsWith("/t/:tenant/admin/"))
        .map((r) => r.path),
    ),
  ];
}, 60_000);

async function post(path: string, body: string) {
  return SELF.fetch(`${ORIGIN}${fillPath(path)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: admin.cookie },
    body,
    redirect: "manual",
  });
}

/** A page or a redirect, never a 5xx; every refusal (4xx) says why in Chinese. */
async function expectHandled(path: string, body: string) {
  const res = await post(path, body);
  const text = await res.text();
  expect.soft(res.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
  return { path, status: res.status, text };
}
function expectRefusalsExplained(answers: { path: string; status: number; text: string }[]) {
  for (const a of answers.filter((x) => x.status >= 400)) {
    expect.soft(a.text, `${a.path} → ${a.status} without a Chinese reason`).toMatch(/[\u4e00-\u9fff]/);
  }
}

describe("every admin form survives what a broken browser or an attacker posts", () => {
  it("covers the admin forms", () => {
    expect(forms.length).toBeGreaterThan(80);
  });

  it("an empty form (only the CSRF token)", async () => {
    const answers = [];
    for (const path of forms) answers.push(await expectHandled(path, `_csrf=${encodeURIComponent(csrf)}`));
    expectRefusalsExplained(answers);
  });

  it("values of the wrong kind in every field the forms use", async () => {
    const body = new URLSearchParams({ _csrf: csrf, ...WRONG_VALUES }).toString();
    const answers = [];
    for (const path of forms) answers.push(await expectHandled(path, body));
    expectRefusalsExplained(answers);
  });

  it("text of 120,000 characters and bytes that are not UTF-8", async () => {
    const huge = "长".repeat(120_000);
    const body = `_csrf=${encodeURIComponent(csrf)}&name=${encodeURIComponent(huge)}&note=%ED%A0%80%FF&reason=${encodeURIComponent(huge)}`;
    const answers = [];
    for (const path of forms) answers.push(await expectHandled(path, body));
    expectRefusalsExplained(answers);
  });

  it("a form without the CSRF token is refused (401 or 403), whatever it carries", async () => {
    // Sign-in has no session yet; its own token check is tested in tests/auth.
    for (const path of forms.filter((p) => !p.endsWith("/admin/login"))) {
      const res = await post(path, new URLSearchParams(WRONG_VALUES).toString());
      expect.soft([401, 403], `${path} → ${res.status}`).toContain(res.status);
    }
  });
});
