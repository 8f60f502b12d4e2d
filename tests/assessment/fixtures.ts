import { expect } from "vitest";
import { SELF } from "cloudflare:test";
import { api, call, ORIGIN } from "../helpers/http.ts";
import { TENANT_DB } from "../helpers/users.ts";

/** A China-local datetime-local string `offsetSeconds` from now (review windows are given in China time). */
export function chinaLocal(offsetSeconds: number): string {
  return new Date(Date.now() + (8 * 3600 + offsetSeconds) * 1000).toISOString().slice(0, 16);
}

export async function createReview(
  tenant: string,
  token: string,
  villageId: number,
  window: { from: number; to: number } = { from: -300, to: 3600 },
  over: Record<string, unknown> = {},
) {
  const opensAt = chinaLocal(window.from);
  const res = await api(tenant, "/reviews", {
    token,
    json: {
      kind: "team_report",
      year: Number(opensAt.slice(0, 4)),
      villageId,
      subjectName: "区农业农村局驻村工作队",
      meetingDate: opensAt.slice(0, 10),
      opensAt,
      closesAt: chinaLocal(window.to),
      writtenReport: "全年驻村 220 天，走访全部结对户。",
      ...over,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; townshipCode: string };
}

/** Moves a review's window into the past (a meeting that has ended), straight in the database. */
export async function endWindow(tenant: string, reviewId: number) {
  await TENANT_DB[tenant]!.prepare(
    "UPDATE reviews SET opens_at = opens_at - 86400 * 2, closes_at = unixepoch() - 60 WHERE id = ?",
  )
    .bind(reviewId)
    .run();
}

export async function issueCodes(tenant: string, token: string, reviewId: number, count: number) {
  const res = await api(tenant, `/reviews/${reviewId}/ballot-codes`, { token, json: { count } });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { codes: { code: string; url: string }[] };
  return body.codes;
}

/** Rates through the public page, as the phone that scanned the slip does (a plain form post). */
export function rate(tenant: string, code: string, rating: string, ip = "198.51.100.20"): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/t/${tenant}/rate/${code.replace("-", "")}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": ip },
    body: new URLSearchParams({ rating }).toString(),
    redirect: "manual",
  });
}

export function ratePage(tenant: string, code: string) {
  return call(`/t/${tenant}/rate/${code.replace("-", "")}`);
}
