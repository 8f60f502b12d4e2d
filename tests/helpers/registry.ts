import { expect } from "vitest";
import { api } from "./http.ts";

let seq = 100;
/** A township code under the tenant no other test in the file uses. */
export function freshTownshipCode(countyCode: string): string {
  seq++;
  return `${countyCode}${String(seq).padStart(3, "0")}`;
}

export async function createTownship(
  tenant: string,
  token: string,
  code: string,
  name = "测试镇",
  countyCode?: string,
) {
  const res = await api(tenant, "/townships", { token, json: { code, name, countyCode } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; code: string };
}

export async function createVillage(tenant: string, token: string, code: string, name = "测试村", tags: string[] = []) {
  const res = await api(tenant, "/villages", { token, json: { code, name, tags } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; code: string; name: string };
}
