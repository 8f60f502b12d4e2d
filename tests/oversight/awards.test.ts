import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import {
  cadreFixture,
  createBatch,
  createProgram,
  endNoticePeriod,
  post,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";

const T = "longquanyi";

async function awardProgram(token: string, over: Record<string, unknown> = {}) {
  return createProgram(T, token, {
    category: "award",
    recipientKind: "cadre",
    ruleKind: "fixed_per_recipient",
    ruleAmountFen: 300_000,
    ...over,
  });
}

const award = (token: string, body: Record<string, unknown>) =>
  api(T, "/awards", { token, json: { kind: "excellent_village_official", citation: "带领群众发展集体经济", ...body } });

interface Line {
  recipientId: number;
  amountFen: number;
  purpose: string;
  status: string;
}
const linesOf = async (token: string, batchId: number) =>
  ((await (await api(T, `/batches/${batchId}/lines`, { token })).json()) as { items: Line[] }).items;

describe("表彰 that pays", () => {
  it("records an award once a year and pays it only through the program's batch: 公示 → approval → payment", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId, unitId } = await registryFixture(T);
    const { cadreId } = await cadreFixture(T, unitId, villageId, "first_secretary", "赵优秀");
    const program = await awardProgram(admin.token);
    await setBudget(T, admin.token, program.id, 2026, 10_000_000);

    const created = await award(admin.token, { year: 2026, recipientId: cadreId, programId: program.id });
    expect(created.status, await created.clone().text()).toBe(201);
    const a = (await created.json()) as { id: number; streak: number; lineId: number | null };
    expect(a).toMatchObject({ streak: 1, lineId: null });
    const twice = await award(admin.token, { year: 2026, recipientId: cadreId, programId: program.id });
    expect(twice.status).toBe(409);
    expect((await problem(twice)).detail).toContain("不能重复表彰");

    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const gen = await post(T, admin.token, `/batches/${batchId}/generate`, { source: "awards" });
    expect(gen.status, await gen.clone().text()).toBe(200);
    expect(((await gen.json()) as { added: number }).added).toBe(1);
    expect(
      (
        (await (await post(T, admin.token, `/batches/${batchId}/generate`, { source: "awards" })).json()) as {
          added: number;
        }
      ).added,
    ).toBe(0);
    const batch = (await (await api(T, `/batches/${batchId}`, { token: admin.token })).json()) as {
      totalFen: number;
      lineCount: number;
    };
    expect(batch).toMatchObject({ totalFen: 300_000, lineCount: 1 });

    expect((await post(T, admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
    await endNoticePeriod(T, batchId);
    const approver = await signIn(T, "county_admin");
    expect((await post(T, approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const finance = await signIn(T, "finance_officer");
    expect(
      (await post(T, finance.token, `/batches/${batchId}/pay`, { paidDate: "2026-11-25", paymentRef: "BZ2026" }))
        .status,
    ).toBe(200);
    const paid = (await (await api(T, `/awards/${a.id}`, { token: finance.token })).json()) as {
      lineStatus: string;
      batchId: number;
    };
    expect(paid).toMatchObject({ lineStatus: "paid", batchId });
  });

  it("refuses awards a program cannot pay, recipients that are not found, and non-award programs", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId, unitId } = await registryFixture(T);
    const { cadreId } = await cadreFixture(T, unitId, villageId, "team_member");
    const allowance = await createProgram(T, admin.token);
    const program = await awardProgram(admin.token);
    expect((await award(admin.token, { year: 2026, recipientId: cadreId, programId: allowance.id })).status).toBe(400);
    expect((await award(admin.token, { year: 2026, recipientId: 99_999_999, programId: program.id })).status).toBe(400);
    expect(
      (
        await award(admin.token, {
          year: 2026,
          recipientKind: "party_member",
          recipientId: cadreId,
          programId: program.id,
        })
      ).status,
    ).toBe(400);
    expect((await award(admin.token, { year: 1999, recipientId: cadreId, programId: program.id })).status).toBe(400);
    const finance = await signIn(T, "finance_officer");
    expect((await award(finance.token, { year: 2026, recipientId: cadreId, programId: program.id })).status).toBe(403);
    const list = (await (await api(T, "/awards?year=2026", { token: admin.token })).json()) as {
      items: { recipientId: number }[];
    };
    expect(list.items.filter((x) => x.recipientId === cadreId)).toHaveLength(0);
    // An award program's batch cannot be generated from the registry, nor a monthly batch from awards.
    const monthly = await createBatch(T, admin.token, program.id, "2026-11");
    expect((await post(T, admin.token, `/batches/${monthly}/generate`, { source: "first_secretaries" })).status).toBe(
      400,
    );
    expect((await post(T, admin.token, `/batches/${monthly}/generate`, { source: "awards" })).status).toBe(400);
  });

  it("pays the 优秀村官 supplement from award history: +100 元/月 after two consecutive years, +200 after three", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId, unitId } = await registryFixture(T);
    const two = (await cadreFixture(T, unitId, villageId, "team_member", "钱两年")).cadreId;
    const three = (await cadreFixture(T, unitId, villageId, "team_member", "孙三年")).cadreId;
    const gap = (await cadreFixture(T, unitId, villageId, "team_member", "李隔年")).cadreId;
    const oneOff = await awardProgram(admin.token);
    for (const [cadreId, years] of [
      [two, [2034, 2035]],
      [three, [2033, 2034, 2035]],
      [gap, [2033, 2035]],
    ] as const)
      for (const year of years)
        expect((await award(admin.token, { year, recipientId: cadreId, programId: oneOff.id })).status).toBe(201);
    const supplement = await awardProgram(admin.token, { ruleKind: "per_line", ruleAmountFen: undefined });
    expect(
      (
        await post(T, admin.token, `/batches/${await createBatch(T, admin.token, oneOff.id, "2036-01")}/generate`, {
          source: "award_supplement",
        })
      ).status,
    ).toBe(400);
    const batchId = await createBatch(T, admin.token, supplement.id, "2036-01");
    const gen = await post(T, admin.token, `/batches/${batchId}/generate`, { source: "award_supplement" });
    expect(gen.status, await gen.clone().text()).toBe(200);
    const lines = await linesOf(admin.token, batchId);
    const byCadre = new Map(lines.map((l) => [l.recipientId, l]));
    expect(byCadre.get(two)!.amountFen).toBe(10_000);
    expect(byCadre.get(three)!.amountFen).toBe(20_000);
    expect(byCadre.has(gap)).toBe(false);
    expect(byCadre.get(three)!.purpose).toContain("连续 3 年");
  });
});
