import { expect } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, uniqueName, type Session } from "../helpers/users.ts";
import { createTownship, createVillage, freshTownshipCode } from "../helpers/registry.ts";

export const COUNTY: Record<string, string> = { longquanyi: "510112", pingchuan: "620403" };

export async function createUnit(
  tenant: string,
  token: string,
  name = uniqueName("单位"),
  kind = "party_government",
  level = "county",
) {
  const res = await api(tenant, "/units", { token, json: { name, kind, level } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; name: string };
}

let phoneSeq = 10_000_000;
/** A mobile number no other test in the file uses. */
export function freshPhone(): string {
  phoneSeq++;
  return `139${phoneSeq}`;
}

export async function createCadre(tenant: string, token: string, unitId: number, extra: Record<string, unknown> = {}) {
  const res = await api(tenant, "/cadres", {
    token,
    json: { name: uniqueName("干部"), unitId, phone: freshPhone(), ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; name: string; phoneMasked: string | null; rank: string | null };
}

/** A township with `n` villages, under the tenant's county code. */
export async function township(tenant: string, token: string, n = 2) {
  const code = freshTownshipCode(COUNTY[tenant]!);
  await createTownship(tenant, token, code);
  const villages = [];
  for (let i = 1; i <= n; i++) villages.push(await createVillage(tenant, token, `${code}${200 + i}`, `村${i}`));
  return { code, villages };
}

export async function assign(
  tenant: string,
  token: string,
  cadreId: number,
  villageCode: string,
  role = "team_member",
  startDate = "2024-01-01",
) {
  return api(tenant, "/assignments", { token, json: { cadreId, villageCode, role, startDate } });
}

export async function assigned(
  tenant: string,
  token: string,
  cadreId: number,
  villageCode: string,
  role = "team_member",
  startDate = "2024-01-01",
) {
  const res = await assign(tenant, token, cadreId, villageCode, role, startDate);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; status: string; villageCode: string; townshipCode: string };
}

/** Signs in a user with the cadre role, linked by the county admin to cadre `cadreId`. */
export async function cadreSession(tenant: string, adminToken: string, cadreId: number): Promise<Session> {
  const s = await signIn(tenant, "cadre");
  const res = await api(tenant, `/users/${s.id}`, { method: "PATCH", token: adminToken, json: { cadreId } });
  expect(res.status, await res.clone().text()).toBe(200);
  return s;
}
