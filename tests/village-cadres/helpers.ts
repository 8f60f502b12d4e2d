import { expect } from "vitest";
import { api } from "../helpers/http.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";

let serial = 100;
/** A valid ID number born in `year` (the serial keeps every person distinct in this file). */
export const idBorn = (year: number) => {
  const n = ++serial;
  return makeIdNumber(
    `510112${year}${String(1 + (n % 12)).padStart(2, "0")}${String(1 + (n % 28)).padStart(2, "0")}${String(n).padStart(3, "0")}`,
  );
};

export type Official = {
  id: number;
  name: string;
  idNumberMasked: string;
  age: number;
  post: string;
  concurrentDirector: boolean;
  status: string;
};

export async function registerOfficial(tenant: string, token: string, body: Record<string, unknown>) {
  const res = await api(tenant, "/village-officials", {
    token,
    json: { source: "other", termStart: "2021-03-01", post: "member", ...body },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Official;
}
