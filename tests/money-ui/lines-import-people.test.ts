import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { place } from "../helpers/fixtures.ts";
import { createBatch, createProgram, setBudget } from "../helpers/money-fixtures.ts";
import { idBorn, registerOfficial } from "../village-cadres/helpers.ts";
import { commitImport, freshIdNumber, householdWithId, uploadCsv } from "./fixtures.ts";

interface Preview {
  id: number;
  rowCount: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
}
type Line = {
  recipientKind: string;
  recipientId: number;
  amountFen: number;
  quantity: number | null;
  honoured: boolean;
};
const linesOf = async (tenant: string, token: string, batchId: number) =>
  ((await (await api(tenant, `/batches/${batchId}/lines?size=200`, { token })).json()) as { items: Line[] }).items;

async function preview(tenant: string, token: string, batchId: number, rows: string[]): Promise<Preview> {
  const res = await uploadCsv(tenant, token, `/batches/${batchId}/lines/import`, rows.join("\n"));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Preview;
}

/** 基础补贴 by post (seed 002): 560 元 secretary, 540 元 clerk, +20 % for provincial honours; members unrated. */
async function allowanceBatch(T: string, token: string, name: string) {
  const program = await createProgram(T, token, {
    name,
    category: "village_cadre_pay",
    recipientKind: "village_official",
    ruleKind: "per_month",
    ruleAmountFen: 50_000,
    honourUpliftPct: 20,
  });
  await setBudget(T, token, program.id, 2026, 100_000_000);
  const rates = await api(T, `/village-official-pay-rates/${program.id}`, {
    method: "PUT",
    token,
    json: {
      rates: [
        { post: "party_secretary", amountFen: 56_000 },
        { post: "clerk", amountFen: 54_000 },
      ],
    },
  });
  expect(rates.status, await rates.clone().text()).toBe(200);
  return createBatch(T, token, program.id, "2026-11");
}

describe("batch lines from CSV for village cadres and party members (named by ID number)", () => {
  it("imports village cadres by ID number, priced by post and honours from the roster", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const secId = idBorn(1971);
    const secretary = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "马书记",
      idNumber: secId,
      post: "party_secretary",
      honourLevel: "provincial",
      honours: "省级优秀村党组织书记",
    });
    const clerkId = idBorn(1991);
    const clerk = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "牛文书",
      idNumber: clerkId,
      post: "clerk",
    });
    const batchId = await allowanceBatch(T, admin.token, "村干部基础补贴（导入）");
    const p = await preview(T, admin.token, batchId, [
      "对象类型,身份证号,对象名称,用途",
      `村干部,${secId},马书记,11月基础补贴`,
      `村干部,${clerkId},,11月基础补贴`,
    ]);
    expect(p.errors).toEqual([]);
    const commit = await commitImport(T, admin.token, p.id);
    expect(commit.status, await commit.clone().text()).toBe(200);
    const byId = new Map((await linesOf(T, admin.token, batchId)).map((l) => [l.recipientId, l]));
    expect(byId.get(secretary.id)).toMatchObject({
      recipientKind: "village_official",
      amountFen: 67_200,
      quantity: 1,
      honoured: true,
    });
    expect(byId.get(clerk.id)).toMatchObject({ amountFen: 54_000, honoured: false });
  });

  it("refuses unknown IDs, another tenant's cadre, an unrated post and a duplicate, naming each row; writes nothing", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const secId = idBorn(1969);
    await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "杨书记",
      idNumber: secId,
      post: "party_secretary",
    });
    const memberId = idBorn(1993);
    await registerOfficial(T, admin.token, { villageCode: v.code, name: "朱委员", idNumber: memberId, post: "member" });
    // The same person's ID number, registered in another tenant.
    const dz = await signIn("dazhou", "county_admin");
    const { village: dzVillage } = await place("dazhou");
    const elsewhereId = idBorn(1975);
    await registerOfficial("dazhou", dz.token, {
      villageCode: dzVillage.code,
      name: "外地书记",
      idNumber: elsewhereId,
      post: "party_secretary",
    });
    const batchId = await allowanceBatch(T, admin.token, "村干部基础补贴（错误文件）");
    const p = await preview(T, admin.token, batchId, [
      "对象类型,身份证号,对象名称",
      `村干部,${secId},杨书记`,
      `村干部,${freshIdNumber()},无此人`,
      `村干部,${elsewhereId},外地书记`,
      `村干部,${memberId},朱委员`,
      `村干部,${secId},杨书记`,
    ]);
    expect(p.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "身份证号", message: expect.stringContaining("花名册中没有") }),
        expect.objectContaining({ row: 4, column: "身份证号", message: expect.stringContaining("花名册中没有") }),
        expect.objectContaining({ row: 5, column: "身份证号", message: expect.stringContaining("两委委员") }),
        expect.objectContaining({ row: 6, column: "身份证号", message: expect.stringContaining("第 2 行") }),
      ]),
    );
    expect(p.errorCount).toBe(4);
    const commit = await commitImport(T, admin.token, p.id);
    expect(commit.status).toBe(400);
    expect((await problem(commit)).detail).toContain("未导入任何数据");
    expect(await linesOf(T, admin.token, batchId)).toEqual([]);
  });

  it("imports party members by the head's ID number (a family member also by name); the care fund pays only 贫困党员", async () => {
    const T = "dazhou";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const poorHh = await householdWithId(T, v.id, "黄德明");
    const otherHh = await householdWithId(T, v.id, "刘富贵");
    const register = async (body: Record<string, unknown>) => {
      const res = await api(T, "/party-members", { token: admin.token, json: body });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: number; name: string };
    };
    const head = await register({ householdId: poorHh.id, poor: true });
    const sonId = (await TENANT_DB[T]!.prepare(
      "INSERT INTO household_members (household_id, name, relation) VALUES (?, '黄小明', '儿子') RETURNING id",
    )
      .bind(poorHh.id)
      .first<{ id: number }>())!.id;
    const son = await register({ householdId: poorHh.id, householdMemberId: sonId, poor: true });
    await register({ householdId: otherHh.id, poor: false });
    const program = await createProgram(T, admin.token, {
      name: "党内关爱帮扶资金（导入）",
      category: "party_care_fund",
      fundSource: "party_dues",
      recipientKind: "party_member",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 100_000,
    });
    await setBudget(T, admin.token, program.id, 2026, 100_000_000);
    const batchId = await createBatch(T, admin.token, program.id, "2026");

    const bad = await preview(T, admin.token, batchId, [
      "对象类型,身份证号,对象名称",
      `党员,${otherHh.idNumber},`,
      `党员,${poorHh.idNumber},黄大明`,
      `党员,${freshIdNumber()},`,
      `党员,${poorHh.idNumber},`,
      `党员,${poorHh.idNumber},黄德明`,
    ]);
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: "身份证号", message: expect.stringContaining("贫困党员") }),
        expect.objectContaining({ row: 3, column: "对象名称", message: expect.stringContaining("黄大明") }),
        expect.objectContaining({ row: 4, column: "身份证号", message: expect.stringContaining("党员户") }),
        expect.objectContaining({ row: 6, column: "身份证号", message: expect.stringContaining("第 5 行") }),
      ]),
    );
    expect(bad.errorCount).toBe(4);
    expect((await commitImport(T, admin.token, bad.id)).status).toBe(400);
    expect(await linesOf(T, admin.token, batchId)).toEqual([]);

    const good = await preview(T, admin.token, batchId, [
      "对象类型,身份证号,对象名称,用途",
      `党员,${poorHh.idNumber},,关爱帮扶`,
      `党员,${poorHh.idNumber},黄小明,关爱帮扶`,
    ]);
    expect(good.errors).toEqual([]);
    expect((await commitImport(T, admin.token, good.id)).status).toBe(200);
    const lines = await linesOf(T, admin.token, batchId);
    expect(lines.map((l) => [l.recipientId, l.amountFen]).sort()).toEqual(
      [
        [head.id, 100_000],
        [son.id, 100_000],
      ].sort(),
    );
    expect(lines.every((l) => l.recipientKind === "party_member")).toBe(true);
  });
});
