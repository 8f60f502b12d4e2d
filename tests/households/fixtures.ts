import { expect } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { createTownship, createVillage, freshTownshipCode } from "../helpers/registry.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";

export const COUNTY: Record<string, string> = { longquanyi: "510112", pingchuan: "620403", dazhou: "511702" };

let idSeq = Math.floor(Math.random() * 500);
/** A valid 18-character ID number unique within this test file. */
export function newIdNumber(tenant = "longquanyi"): string {
  const n = ++idSeq;
  const day = 1 + (n % 28);
  const month = 1 + (Math.floor(n / 28) % 12);
  const year = 1950 + (Math.floor(n / 336) % 50);
  return makeIdNumber(
    `${COUNTY[tenant]}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(n % 1000).padStart(3, "0")}`,
  );
}

/** A fresh township (through the API) with one village; dazhou (a city) gets a county first. */
export async function freshPlace(tenant: string, admin: Session, villages = 1) {
  let countyCode: string | undefined;
  let parent = COUNTY[tenant]!;
  if (tenant === "dazhou") {
    countyCode = "511702";
    await api(tenant, "/counties", { token: admin.token, json: { code: countyCode, name: "通川区" } });
    parent = countyCode;
  }
  const townshipCode = freshTownshipCode(parent);
  await createTownship(tenant, admin.token, townshipCode, "测试镇", countyCode);
  const codes: string[] = [];
  for (let i = 0; i < villages; i++)
    codes.push((await createVillage(tenant, admin.token, `${townshipCode}${201 + i}`, `测试村${i}`)).code);
  return { townshipCode, villageCode: codes[0]!, villageCodes: codes };
}

export interface CreatedHousehold {
  id: number;
  headName: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  status: string;
  monitorKind: string | null;
  exitYear: number | null;
  villageCode: string;
}

export async function createHousehold(
  tenant: string,
  token: string,
  body: Record<string, unknown>,
): Promise<CreatedHousehold> {
  const res = await api(tenant, "/households", {
    token,
    json: { headName: "王大明", idNumber: newIdNumber(tenant), ...body },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CreatedHousehold;
}

export { signIn };
