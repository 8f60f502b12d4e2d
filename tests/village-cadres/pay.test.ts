import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { place } from "../helpers/fixtures.ts";
import { addLine, createBatch, createProgram, endNoticePeriod, post, setBudget } from "../helpers/money-fixtures.ts";
import { idBorn, registerOfficial } from "./helpers.ts";

type Line = {
  id: number;
  recipientId: number;
  recipientKind: string;
  amountFen: number;
  quantity: number | null;
  honoured: boolean;
  status: string;
};
const linesOf = async (tenant: string, token: string, batchId: number) =>
  ((await (await api(tenant, `/batches/${batchId}/lines?size=200`, { token })).json()) as { items: Line[] }).items;

async function leave(tenant: string, token: string, id: number, status: "left" | "removed", termEnd: string) {
  const res = await api(tenant, `/village-officials/${id}/leave`, { token, json: { status, termEnd } });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("village cadres are paid from rules: lines → 公示 → approval → payment", () => {
  it("pays 基础补贴 by post with +20 % for provincial honours (seed 002), end to end", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T, ["poor"]);
    const secretary = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "王建国",
      idNumber: idBorn(1972),
      post: "party_secretary",
      concurrentDirector: true,
      honourLevel: "provincial",
      honours: "省级优秀村党组织书记",
      termStart: "2021-01-10",
    });
    const clerk = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "李文书",
      idNumber: idBorn(1990),
      post: "clerk",
    });
    const member = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "赵委员",
      idNumber: idBorn(1995),
      post: "member",
    });
    const gone = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "钱离任",
      idNumber: idBorn(1960),
      post: "deputy_director",
    });
    await leave(T, admin.token, gone.id, "left", "2026-10-31");

    const program = await createProgram(T, admin.token, {
      name: "村干部基础补贴",
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "per_month",
      ruleAmountFen: 50_000,
      honourUpliftPct: 20,
    });
    await setBudget(T, admin.token, program.id, 2026, 100_000_000);
    // Rates by post: 560 元 for secretary and director, 540 元 for deputies, the clerk and members.
    const rates = await api(T, `/village-official-pay-rates/${program.id}`, {
      method: "PUT",
      token: admin.token,
      json: {
        rates: [
          { post: "party_secretary", amountFen: 56_000 },
          { post: "committee_director", amountFen: 56_000 },
          { post: "deputy_director", amountFen: 54_000 },
          { post: "clerk", amountFen: 54_000 },
          { post: "member", amountFen: 50_000 },
        ],
      },
    });
    expect(rates.status, await rates.clone().text()).toBe(200);
    const twice = await api(T, `/village-official-pay-rates/${program.id}`, {
      method: "PUT",
      token: admin.token,
      json: {
        rates: [
          { post: "clerk", amountFen: 1 },
          { post: "clerk", amountFen: 2 },
        ],
      },
    });
    expect(twice.status).toBe(400);

    const batchId = await createBatch(T, admin.token, program.id, "2026-11");
    // The cadres' sources do not fit a village cadre program.
    expect((await post(T, admin.token, `/batches/${batchId}/generate`, { source: "first_secretaries" })).status).toBe(
      400,
    );
    const gen = await post(T, admin.token, `/batches/${batchId}/generate`, { source: "village_officials" });
    expect(gen.status, await gen.clone().text()).toBe(200);
    const byId = new Map((await linesOf(T, admin.token, batchId)).map((l) => [l.recipientId, l]));
    expect(byId.get(secretary.id)).toMatchObject({
      recipientKind: "village_official",
      amountFen: 67_200,
      honoured: true,
      quantity: 1,
    });
    expect(byId.get(clerk.id)).toMatchObject({ amountFen: 54_000, honoured: false });
    expect(byId.get(member.id)).toMatchObject({ amountFen: 50_000 });
    expect(byId.has(gone.id)).toBe(false);
    // By hand: the same person twice is refused; someone not in office in the period too; typed amounts cannot override.
    expect((await addLine(T, admin.token, batchId, { recipientId: clerk.id })).status).toBe(409);
    const outOfOffice = await addLine(T, admin.token, batchId, { recipientId: gone.id });
    expect(outOfOffice.status).toBe(400);
    expect((await problem(outOfOffice)).detail).toContain("不在任");

    // 公示: the public notice shows the name masked.
    const submitted = await post(T, admin.token, `/batches/${batchId}/submit`);
    expect(submitted.status).toBe(200);
    const noticeId = ((await submitted.json()) as { noticeId: number }).noticeId;
    const page = await (await call(`/t/${T}/notices/${noticeId}`)).text();
    expect(page).toContain("王*国");
    expect(page).not.toContain("王建国");

    await endNoticePeriod(T, batchId);
    const approver = await signIn(T, "county_admin");
    expect((await post(T, approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const finance = await signIn(T, "finance_officer");
    const paid = await post(T, finance.token, `/batches/${batchId}/pay`, {
      paidDate: "2026-11-28",
      paymentRef: "GK20261128",
    });
    expect(paid.status, await paid.clone().text()).toBe(200);
    const after = await linesOf(T, admin.token, batchId);
    expect(after.find((l) => l.recipientId === secretary.id)).toMatchObject({ status: "paid", amountFen: 67_200 });
    // Paid once per month: a second batch of the same month adds none of them.
    const again = await createBatch(T, admin.token, program.id, "2026-11");
    await post(T, admin.token, `/batches/${again}/generate`, { source: "village_officials" });
    expect((await linesOf(T, admin.token, again)).map((l) => l.recipientId)).not.toContain(secretary.id);
  });

  it("pays 基本报酬 a year by post (seed 001: 3 万元, 组干部 0.9 万元) and 离任补助 by full years served", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const secretary = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "孙书记",
      idNumber: idBorn(1970),
      post: "party_secretary",
    });
    const groupLeader = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "周组长",
      idNumber: idBorn(1966),
      post: "group_leader",
    });
    const basic = await createProgram(T, admin.token, {
      name: "村干部基本报酬",
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 3_000_000,
    });
    await setBudget(T, admin.token, basic.id, 2026, 500_000_000);
    // No rates: every post is paid the program's 3 万元.
    const year = await createBatch(T, admin.token, basic.id, "2026");
    expect((await post(T, admin.token, `/batches/${year}/generate`, { source: "village_officials" })).status).toBe(200);
    const basicLines = new Map((await linesOf(T, admin.token, year)).map((l) => [l.recipientId, l.amountFen]));
    expect(basicLines.get(secretary.id)).toBe(3_000_000);
    expect(basicLines.get(groupLeader.id)).toBe(3_000_000);
    // 组干部报酬 rates only group leaders, so it pays only them.
    const groups = await createProgram(T, admin.token, {
      name: "组干部报酬",
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 900_000,
    });
    await setBudget(T, admin.token, groups.id, 2026, 500_000_000);
    await api(T, `/village-official-pay-rates/${groups.id}`, {
      method: "PUT",
      token: admin.token,
      json: { rates: [{ post: "group_leader", amountFen: 900_000 }] },
    });
    const groupYear = await createBatch(T, admin.token, groups.id, "2026");
    expect((await post(T, admin.token, `/batches/${groupYear}/generate`, { source: "village_officials" })).status).toBe(
      200,
    );
    const groupLines = new Map((await linesOf(T, admin.token, groupYear)).map((l) => [l.recipientId, l.amountFen]));
    expect(groupLines.get(groupLeader.id)).toBe(900_000);
    expect(groupLines.has(secretary.id)).toBe(false);

    const sixYears = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "吴老主任",
      idNumber: idBorn(1958),
      post: "deputy_director",
      termStart: "2019-07-01",
    });
    await leave(T, admin.token, sixYears.id, "left", "2026-06-30");
    const removed = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "郑免职",
      idNumber: idBorn(1962),
      post: "member",
      termStart: "2015-01-01",
    });
    await leave(T, admin.token, removed.id, "removed", "2026-05-01");
    const short = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "冯短期",
      idNumber: idBorn(1980),
      post: "member",
      termStart: "2026-01-01",
    });
    await leave(T, admin.token, short.id, "left", "2026-06-01");
    const exitPay = await createProgram(T, admin.token, {
      name: "村干部离任补助",
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "per_year_served",
      ruleAmountFen: 100_000,
    });
    await setBudget(T, admin.token, exitPay.id, 2026, 100_000_000);
    const exitBatch = await createBatch(T, admin.token, exitPay.id, "2026");
    expect((await post(T, admin.token, `/batches/${exitBatch}/generate`, { source: "village_officials" })).status).toBe(
      200,
    );
    const exitLines = new Map((await linesOf(T, admin.token, exitBatch)).map((l) => [l.recipientId, l]));
    expect(exitLines.get(sixYears.id)).toMatchObject({ amountFen: 600_000, quantity: 6 });
    expect(exitLines.has(removed.id)).toBe(false);
    expect(exitLines.has(short.id)).toBe(false);
    expect(exitLines.has(secretary.id)).toBe(false);
    const serving = await addLine(T, admin.token, exitBatch, { recipientId: secretary.id });
    expect(serving.status).toBe(400);
    expect((await problem(serving)).detail).toContain("离任");
  });
});
