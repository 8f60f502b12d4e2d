import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { publicVillage } from "../public/fixtures.ts";

/** Issue "Integrity holes", 四议两公开: a stage with a vote passes only with a quorum and a majority. */
const T = "longquanyi";
const meeting = (date: string, eligible: number, attendees: number, votesFor: number, votesAgainst = 0) => ({
  date,
  eligible,
  attendees,
  votesFor,
  votesAgainst,
  votesAbstain: 0,
  summary: "会议表决",
  attachments: [],
});
type D = { id: number; stage: string; nextStage: string | null; failedStage: string | null };

async function newDecision(token: string, villageCode: string, title: string) {
  const res = await api(T, "/village-decisions", {
    token,
    json: {
      villageCode,
      title,
      description: "村集体资金投入",
      proposed: { date: "2026-01-05", summary: "党支部提议", attachments: [] },
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as D;
}
const record = (token: string, id: number, stage: string, body: Record<string, unknown>) =>
  api(T, `/village-decisions/${id}/stages`, { token, json: { stage, ...body } });

describe("四议 votes", () => {
  it("ends an item whose 党员大会 voted 5 for, 25 against, and shows it on the village page", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await publicVillage(T, 0);
    const d = await newDecision(admin.token, v.villageCode, "建设冷库");
    expect((await record(admin.token, d.id, "discussed", meeting("2026-01-10", 7, 7, 6))).status).toBe(200);
    const vote = await record(admin.token, d.id, "reviewed", meeting("2026-01-15", 30, 30, 5, 25));
    expect(vote.status, await vote.clone().text()).toBe(200);
    expect(await vote.json()).toMatchObject({ failedStage: "reviewed", nextStage: null });
    const next = await record(admin.token, d.id, "resolved", meeting("2026-01-20", 60, 50, 50));
    expect(next.status).toBe(409);
    expect((await problem(next)).detail).toContain("未通过");
    const html = await (await call(`/t/${T}/v/${v.villageCode}`)).text();
    expect(html).toContain("党员大会审议表决未通过，该事项已终止");
  });

  it("counts the 党员大会 majority on those entitled, not those present", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await publicVillage(T, 0);
    const d = await newDecision(admin.token, v.villageCode, "修缮道路");
    expect((await record(admin.token, d.id, "discussed", meeting("2026-01-10", 7, 7, 6))).status).toBe(200);
    // 16 present of 30: 9 for is a majority of those present but not more than half of the 30 entitled.
    const res = await record(admin.token, d.id, "reviewed", meeting("2026-01-15", 30, 16, 9, 7));
    expect(await res.json()).toMatchObject({ failedStage: "reviewed" });
  });

  it("refuses a meeting below its quorum and records nothing; the item waits for a valid meeting", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await publicVillage(T, 0);
    const d = await newDecision(admin.token, v.villageCode, "购置农机");
    const noQuorum = await record(admin.token, d.id, "discussed", meeting("2026-01-10", 9, 4, 4));
    expect(noQuorum.status).toBe(400);
    expect((await problem(noQuorum)).detail).toContain("未达到法定人数");
    const missing = await record(admin.token, d.id, "discussed", {
      date: "2026-01-10",
      attendees: 9,
      votesFor: 9,
      summary: "商议",
    });
    expect((await problem(missing)).errors?.map((e) => e.field)).toEqual(["eligible"]);
    expect((await record(admin.token, d.id, "discussed", meeting("2026-01-10", 9, 9, 8))).status).toBe(200);
    expect((await record(admin.token, d.id, "reviewed", meeting("2026-01-15", 30, 25, 20))).status).toBe(200);
    // 村民代表会议: two thirds of 60 must attend.
    expect((await record(admin.token, d.id, "resolved", meeting("2026-01-20", 60, 39, 39))).status).toBe(400);
    const ok = await record(admin.token, d.id, "resolved", meeting("2026-01-20", 60, 40, 21));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ stage: "resolved", failedStage: null, nextStage: "resolution_published" });
  });
});
