import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { csrfOf } from "../helpers/html.ts";
import { signIn } from "../helpers/users.ts";
import { place } from "../helpers/fixtures.ts";
import { addLine, createBatch, createProgram, post, setBudget } from "../helpers/money-fixtures.ts";
import { idBorn, registerOfficial } from "./helpers.ts";
import { adminPage } from "../money-ui/fixtures.ts";

type Line = { recipientId: number; amountFen: number };
const linesOf = async (tenant: string, token: string, batchId: number) =>
  ((await (await api(tenant, `/batches/${batchId}/lines?size=200`, { token })).json()) as { items: Line[] }).items;

/** A 组干部报酬 program (seed 001: 0.9 万元 a year) that rates only group leaders. */
async function groupLeaderProgram(T: string, token: string, name: string) {
  const program = await createProgram(T, token, {
    name,
    category: "village_cadre_pay",
    recipientKind: "village_official",
    ruleKind: "fixed_per_recipient",
    ruleAmountFen: 900_000,
  });
  await setBudget(T, token, program.id, 2026, 500_000_000);
  const rates = await api(T, `/village-official-pay-rates/${program.id}`, {
    method: "PUT",
    token,
    json: { rates: [{ post: "group_leader", amountFen: 900_000 }] },
  });
  expect(rates.status, await rates.clone().text()).toBe(200);
  return program;
}

describe("a program with post rates pays only the posts it rates", () => {
  it("generation skips unrated posts and a line by hand for one is refused, naming the post", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const secretary = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "陈书记",
      idNumber: idBorn(1971),
      post: "party_secretary",
    });
    const leader = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "林组长",
      idNumber: idBorn(1967),
      post: "group_leader",
    });
    const program = await groupLeaderProgram(T, admin.token, "组干部报酬（按岗位）");

    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const gen = await post(T, admin.token, `/batches/${batchId}/generate`, { source: "village_officials" });
    expect(gen.status, await gen.clone().text()).toBe(200);
    const lines = new Map((await linesOf(T, admin.token, batchId)).map((l) => [l.recipientId, l.amountFen]));
    expect(lines.get(leader.id)).toBe(900_000);
    expect(lines.has(secretary.id)).toBe(false);

    const byHand = await addLine(T, admin.token, batchId, { recipientId: secretary.id });
    expect(byHand.status).toBe(400);
    const p = await problem(byHand);
    expect(p.detail).toContain("村党组织书记");
    expect(p.detail).toContain("没有标准");
    expect((await linesOf(T, admin.token, batchId)).map((l) => l.recipientId)).not.toContain(secretary.id);

    // The admin form refuses it too, in Chinese, and adds nothing.
    const form = await call(`/t/${T}/admin/batches/${batchId}`, { headers: { Cookie: admin.cookie } });
    const res = await postForm(
      `/t/${T}/admin/batches/${batchId}/lines`,
      { _csrf: csrfOf(await form.text()), recipientId: String(secretary.id) },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("村党组织书记");
    expect((await linesOf(T, admin.token, batchId)).map((l) => l.recipientId)).not.toContain(secretary.id);
  });

  it("a program without rates still pays every post its own amount", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const secretary = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: "何书记",
      idNumber: idBorn(1973),
      post: "party_secretary",
    });
    const program = await createProgram(T, admin.token, {
      name: "村干部基本报酬（统一标准）",
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 3_000_000,
    });
    await setBudget(T, admin.token, program.id, 2026, 500_000_000);
    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const res = await addLine(T, admin.token, batchId, { recipientId: secretary.id });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await linesOf(T, admin.token, batchId)).find((l) => l.recipientId === secretary.id)?.amountFen).toBe(
      3_000_000,
    );
  });

  it("the batch's picker lists only the rated posts; without a program, or for a program without rates, every post", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const surname = `蒲${Date.now().toString(36).slice(-4)}`;
    const secretary = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: `${surname}书记`,
      idNumber: idBorn(1972),
      post: "party_secretary",
    });
    const leader = await registerOfficial(T, admin.token, {
      villageCode: v.code,
      name: `${surname}组长`,
      idNumber: idBorn(1968),
      post: "group_leader",
    });
    const program = await groupLeaderProgram(T, admin.token, "组干部报酬（查找）");
    const unrated = await createProgram(T, admin.token, {
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 900_000,
    });
    const found = async (query: string) => {
      const res = await api(T, `/lookup/village-officials?q=${encodeURIComponent(surname)}${query}`, {
        token: admin.token,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { items: { value: string }[] }).items.map((i) => Number(i.value)).sort();
    };
    expect(await found(`&programId=${program.id}`)).toEqual([leader.id]);
    expect(await found("")).toEqual([secretary.id, leader.id].sort());
    expect(await found(`&programId=${unrated.id}`)).toEqual([secretary.id, leader.id].sort());
    expect(
      await problem(await api(T, "/lookup/village-officials?q=x&programId=abc", { token: admin.token })),
    ).toMatchObject({
      status: 400,
    });

    // The 添加明细 form's picker asks for the program's posts.
    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const { html } = await adminPage(`/t/${T}/admin/batches/${batchId}`, admin.cookie);
    expect(html).toContain(`/lookup/village-officials?programId=${program.id}"`);
  });

  it("the rate page says unrated posts are not paid", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const program = await groupLeaderProgram(T, admin.token, "组干部报酬（标准页）");
    const html = await (
      await call(`/t/${T}/admin/village-official-pay-rates/${program.id}`, { headers: { Cookie: admin.cookie } })
    ).text();
    expect(html).toContain("只发放设了标准的职务");
    expect(html).toContain("不发放");
  });

  it("the programs list states 离任补助 per full year served, not as typed amounts", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const program = await createProgram(T, admin.token, {
      name: "村干部离任补助（列表）",
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "per_year_served",
      ruleAmountFen: 100_000,
    });
    const html = await (
      await call(`/t/${T}/admin/programs/${program.id}`, { headers: { Cookie: admin.cookie } })
    ).text();
    expect(html).toContain("¥1,000.00/任职满一年");
    expect(html).not.toContain("逐笔填写金额");
  });
});
