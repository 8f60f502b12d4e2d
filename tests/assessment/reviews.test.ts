import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, place } from "../helpers/fixtures.ts";
import { createReview, endWindow, issueCodes, rate, ratePage } from "./fixtures.ts";

const T = "pingchuan";
const O = "longquanyi";

async function reviewOf(token: string, id: number) {
  const res = await api(T, `/reviews/${id}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    status: string;
    ballots: number;
    total: { satisfied: number; fairlySatisfied: number; dissatisfied: number };
    codes: { issued: number };
    satisfactionPermille: number | null;
  };
}

describe("述职评议 with one-time QR ballot codes", () => {
  it("takes one anonymous rating per code inside the window; the code is stored only as a keyed hash", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const r = await createReview(T, admin.token, village.id);
    const codes = await issueCodes(T, admin.token, r.id, 3);
    expect(codes).toHaveLength(3);
    expect(codes[0]!.url).toContain(`/t/${T}/rate/`);
    const stored = await TENANT_DB[T]!.prepare("SELECT code_hash AS h FROM review_ballots WHERE review_id = ?")
      .bind(r.id)
      .all<{ h: string }>();
    expect(stored.results).toHaveLength(3);
    for (const c of codes) for (const row of stored.results) expect(row.h).not.toContain(c.code.replace("-", ""));

    const page = await ratePage(T, codes[0]!.code);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("区农业农村局驻村工作队");
    expect(html).toContain('value="fairly_satisfied"');
    expect(html).not.toContain("<script");

    const first = await rate(T, codes[0]!.code, "satisfied");
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("评议已提交");
    const again = await rate(T, codes[0]!.code, "dissatisfied");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("已经使用过");
    expect((await rate(T, codes[1]!.code, "nonsense")).status).toBe(400);
    expect((await rate(T, "ABCDE-FGHJK", "satisfied")).status).toBe(404);

    const after = await reviewOf(admin.token, r.id);
    expect(after.total).toEqual({ satisfied: 1, fairlySatisfied: 0, dissatisfied: 0 });
    expect(after.codes.issued).toBe(3);
  });

  it("counts a code used by two phones at the same moment once", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const r = await createReview(T, admin.token, village.id);
    const [code] = await issueCodes(T, admin.token, r.id, 1);
    const results = await Promise.all(
      ["satisfied", "dissatisfied", "fairly_satisfied", "satisfied"].map((x, i) =>
        rate(T, code!.code, x, `198.51.100.${30 + i}`),
      ),
    );
    const statuses = results.map((x) => x.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    expect((await reviewOf(admin.token, r.id)).ballots).toBe(1);
  });

  it("refuses a rating before or after the window, and new codes once the window is over", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const later = await createReview(T, admin.token, village.id, { from: 3600, to: 7200 });
    const [early] = await issueCodes(T, admin.token, later.id, 1);
    const tooEarly = await rate(T, early!.code, "satisfied");
    expect(tooEarly.status).toBe(409);
    expect(await tooEarly.text()).toContain("尚未开始");

    const now = await createReview(T, admin.token, village.id);
    const [late] = await issueCodes(T, admin.token, now.id, 1);
    await endWindow(T, now.id);
    const tooLate = await rate(T, late!.code, "satisfied");
    expect(tooLate.status).toBe(409);
    expect(await tooLate.text()).toContain("已结束");
    const more = await api(T, `/reviews/${now.id}/ballot-codes`, { token: admin.token, json: { count: 5 } });
    expect(more.status).toBe(409);
    expect((await reviewOf(admin.token, now.id)).ballots).toBe(0);
    const tooMany = await api(T, `/reviews/${later.id}/ballot-codes`, { token: admin.token, json: { count: 301 } });
    expect(tooMany.status).toBe(400);
  });

  it("checks paper ballots plus used codes against attendance, and a code beyond attendance is refused", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const r = await createReview(T, admin.token, village.id);
    const codes = await issueCodes(T, admin.token, r.id, 2);
    expect((await rate(T, codes[0]!.code, "fairly_satisfied")).status).toBe(200);
    const paper = (body: Record<string, unknown>) =>
      api(T, `/reviews/${r.id}/paper-ballots`, { method: "PUT", token: admin.token, json: body });
    const over = await paper({ attendance: 3, satisfied: 2, fairlySatisfied: 1, dissatisfied: 0 });
    expect(over.status).toBe(400);
    const overProblem = await problem(over);
    expect(overProblem.errors?.[0]?.field).toBe("attendance");
    expect(overProblem.detail).toContain("超过到会人数");
    expect((await paper({ attendance: 3, satisfied: -1, fairlySatisfied: 0, dissatisfied: 0 })).status).toBe(400);
    expect((await paper({ attendance: 3, satisfied: "两", fairlySatisfied: 0, dissatisfied: 0 })).status).toBe(400);
    expect((await paper({ attendance: 3, satisfied: 1, fairlySatisfied: 0, dissatisfied: 1 })).status).toBe(200);
    // 2 paper + 1 code = attendance 3: the second code no longer fits.
    const full = await rate(T, codes[1]!.code, "satisfied");
    expect(full.status).toBe(409);
    const after = await reviewOf(admin.token, r.id);
    expect(after.total).toEqual({ satisfied: 1, fairlySatisfied: 1, dissatisfied: 1 });
    expect(after.satisfactionPermille).toBe(667);
  });

  it("publishes the aggregate after the window on the village page and the ledger, never a single ballot", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const r = await createReview(T, admin.token, village.id);
    const codes = await issueCodes(T, admin.token, r.id, 1);
    expect((await rate(T, codes[0]!.code, "dissatisfied")).status).toBe(200);
    const early = await api(T, `/reviews/${r.id}/publish`, { method: "POST", token: admin.token });
    expect(early.status).toBe(409);
    expect((await problem(early)).detail).toContain("尚未结束");
    await api(T, `/reviews/${r.id}/paper-ballots`, {
      method: "PUT",
      token: admin.token,
      json: { attendance: 40, satisfied: 30, fairlySatisfied: 6, dissatisfied: 2 },
    });
    await endWindow(T, r.id);
    const published = await api(T, `/reviews/${r.id}/publish`, { method: "POST", token: admin.token });
    expect(published.status).toBe(200);
    expect((await api(T, `/reviews/${r.id}/publish`, { method: "POST", token: admin.token })).status).toBe(409);
    expect(
      (
        await api(T, `/reviews/${r.id}/paper-ballots`, {
          method: "PUT",
          token: admin.token,
          json: { attendance: 40, satisfied: 39, fairlySatisfied: 0, dissatisfied: 0 },
        })
      ).status,
    ).toBe(409);
    const vcode = (await TENANT_DB[T]!.prepare("SELECT code FROM villages WHERE id = ?")
      .bind(village.id)
      .first<{ code: string }>())!.code;
    const html = await (await call(`/t/${T}/v/${vcode}`)).text();
    expect(html).toContain("述职评议结果");
    expect(html).toContain("区农业农村局驻村工作队");
    expect(html).toContain("满意率");
    expect(html).toContain("92.3%"); // (30 + 6) / 39
    const ledger = await TENANT_DB[T]!.prepare("SELECT content FROM ledger_entries WHERE ref = ?")
      .bind(`review:${r.id}`)
      .first<{ content: string }>();
    expect(JSON.parse(ledger!.content)).toMatchObject({ satisfied: 30, fairlySatisfied: 6, dissatisfied: 3 });
  });

  it("keeps reviews in scope: other township 404, unrelated cadre 404, resident cadre sees it, other tenant 404", async () => {
    const admin = await signIn(T, "county_admin");
    const { village, townshipCode } = await place(T);
    const r = await createReview(T, admin.token, village.id);
    const other = await signIn(T, "township_officer", { townshipCode: (await place(T)).townshipCode });
    const own = await signIn(T, "township_officer", { townshipCode });
    expect((await api(T, `/reviews/${r.id}`, { token: other.token })).status).toBe(404);
    expect((await api(T, `/reviews/${r.id}/ballot-codes`, { token: other.token, json: { count: 1 } })).status).toBe(
      404,
    );
    expect((await api(T, `/reviews/${r.id}`, { token: own.token })).status).toBe(200);
    const resident = await cadre(T);
    await assignment(T, resident.id, village.id, "team_leader");
    const mine = await signIn(T, "cadre", { cadreId: resident.id });
    const stranger = await signIn(T, "cadre", { cadreId: (await cadre(T)).id });
    expect((await api(T, `/reviews/${r.id}`, { token: mine.token })).status).toBe(200);
    expect((await api(T, `/reviews/${r.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api(T, `/reviews/${r.id}/ballot-codes`, { token: mine.token, json: { count: 1 } })).status).toBe(403);
    const list = (await (await api(T, "/reviews", { token: stranger.token })).json()) as { total: number };
    expect(list.total).toBe(0);
    const foreign = await signIn(O, "county_admin");
    expect((await api(O, `/reviews/${r.id}`, { token: foreign.token })).status).toBe(404);
    // A township officer cannot hold a review in another township's village.
    const elsewhere = await api(T, "/reviews", {
      token: other.token,
      json: {
        kind: "team_report",
        year: 2026,
        villageId: village.id,
        subjectName: "工作队",
        meetingDate: "2026-12-01",
        opensAt: "2026-12-01T09:00",
        closesAt: "2026-12-01T11:00",
      },
    });
    expect(elsewhere.status).toBe(404);
  });
});
