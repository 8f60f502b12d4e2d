import { expect } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { assigned, cadreSession, createCadre, createUnit, township } from "./fixtures.ts";

const HOUR = 3_600_000;
const BEIJING = 8 * HOUR;

/**
 * The latest moment at `hour:minute` Beijing time that is not in the future: always within the
 * last 24 hours, so a check-in may carry it, and its slot is known whatever the time the test runs.
 */
export function lastBeijing(hour: number, minute = 0): Date {
  const now = Date.now();
  const bj = new Date(now + BEIJING);
  let t = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate(), hour, minute) - BEIJING;
  if (t > now) t -= 24 * HOUR;
  return new Date(t);
}

/** The Beijing calendar day of a moment. */
export const beijingDay = (d: Date) => new Date(d.getTime() + BEIJING).toISOString().slice(0, 10);
/** A Beijing date `n` days after `day`. */
export const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 24 * HOUR).toISOString().slice(0, 10);

export interface CheckInBody {
  id: number;
  assignmentId: number;
  day: string;
  slot: string;
  distanceM: number | null;
  flag: string | null;
  noLocationReason: string | null;
  monthDays: number;
}

/** A township with one village at a known location, a resident cadre signed in, and the township's officer. */
export async function residentCadre(tenant = "pingchuan", opts: { located?: boolean; startDate?: string } = {}) {
  const admin = await signIn(tenant, "county_admin");
  const unit = await createUnit(tenant, admin.token);
  const t = await township(tenant, admin.token, 1);
  const village = t.villages[0]!;
  if (opts.located !== false) {
    const res = await api(tenant, `/villages/${village.code}`, {
      method: "PATCH",
      token: admin.token,
      json: { latitude: 36.7, longitude: 104.8 },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  const c = await createCadre(tenant, admin.token, unit.id);
  const a = await assigned(tenant, admin.token, c.id, village.code, "team_member", opts.startDate ?? "2024-01-01");
  const cadre = await cadreSession(tenant, admin.token, c.id);
  const officer = await signIn(tenant, "township_officer", { townshipCode: t.code });
  return { admin, unit, townshipCode: t.code, village, cadreId: c.id, assignmentId: a.id, cadre, officer };
}

export async function checkIn(tenant: string, s: Session, json: Record<string, unknown>) {
  return api(tenant, "/check-ins", { token: s.token, json });
}

export async function checkedIn(tenant: string, s: Session, json: Record<string, unknown>): Promise<CheckInBody> {
  const res = await checkIn(tenant, s, json);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CheckInBody;
}
