import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, nextIdOnlyIn, place, unit } from "../helpers/fixtures.ts";

const A = "longquanyi";
const B = "pingchuan";

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

/** A township with a village, a unit, and a cadre of that unit resident in the village. */
async function world(tenant = A) {
  const admin = await signIn(tenant, "county_admin");
  const { townshipCode, village } = await place(tenant);
  const u = await unit(tenant);
  const c = await cadre(tenant, u.id);
  const assignmentId = await assignment(tenant, c.id, village.id);
  return { admin, townshipCode, village, unit: u, cadre: c, assignmentId };
}

async function letterFor(tenant: string, token: string, unitId: number, villageCode: string) {
  return json<{ id: number }>(
    await api(tenant, "/letters", {
      token,
      json: {
        unitId,
        villageCode,
        termStartYear: 2025,
        signedDate: "2025-01-15",
        termGoal: "三年内村集体经济收入达到 10 万元",
        goals: { leadership: "配齐村两委班子" },
      },
    }),
    201,
  );
}

async function inspect(tenant: string, token: string, cadreId: number, date: string, deadline = "2026-06-30") {
  return json<{ id: number; problems: { id: number }[] }>(
    await api(tenant, "/inspections", {
      token,
      json: {
        kind: "on_site",
        date,
        groupName: "第一督查组",
        round: 1,
        targetKind: "cadre",
        cadreId,
        findings: "明察暗访发现驻村干部不在岗",
        problems: [{ description: "工作日不在岗", deadline }],
      },
    }),
    201,
  );
}
const confirm = (tenant: string, token: string, id: number) =>
  api(tenant, `/problems/${id}/decision`, { token, json: { decision: "confirmed" } });
const escalate = (tenant: string, token: string, cadreId: number, step: string, extra: Record<string, unknown> = {}) =>
  api(tenant, "/escalations", {
    token,
    json: { targetKind: "cadre", cadreId, period: 2026, step, date: "2026-05-01", record: `${step} 记录`, ...extra },
  });

describe("目标责任书 and measures", () => {
  it("signs a three-year letter, plans measures inside the term, and shows them on the public village page", async () => {
    const w = await world();
    const letter = await letterFor(A, w.admin.token, w.unit.id, w.village.code);
    const detail = await json<{ termEndYear: number; goals: Record<string, string> }>(
      await api(A, `/letters/${letter.id}`, { token: w.admin.token }),
      200,
    );
    expect(detail.termEndYear).toBe(2027);
    expect(detail.goals).toEqual({ leadership: "配齐村两委班子" });

    const m = await json<{ id: number; status: string }>(
      await api(A, `/letters/${letter.id}/measures`, {
        token: w.admin.token,
        json: { year: 2026, title: "新建村级光伏电站", owner: "第一书记", dueDate: "2026-10-31" },
      }),
      201,
    );
    expect(m.status).toBe("planned");
    await json(
      await api(A, `/measures/${m.id}`, {
        method: "PATCH",
        token: w.admin.token,
        json: { status: "in_progress", progress: "已完成选址和备案" },
      }),
      200,
    );
    const page = await call(`/t/${A}/v/${w.village.code}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("新建村级光伏电站");
    expect(html).toContain("已完成选址和备案");
    expect(html).toContain("三年内村集体经济收入达到 10 万元");
  });

  it("refuses a measure outside the term, completion without evidence, and a second letter for the same term", async () => {
    const w = await world();
    const letter = await letterFor(A, w.admin.token, w.unit.id, w.village.code);
    const outside = await api(A, `/letters/${letter.id}/measures`, {
      token: w.admin.token,
      json: { year: 2028, title: "修路", owner: "村委会", dueDate: "2028-05-01" },
    });
    expect(outside.status).toBe(400);
    expect((await problem(outside)).errors?.[0]?.field).toBe("year");
    const m = await json<{ id: number }>(
      await api(A, `/letters/${letter.id}/measures`, {
        token: w.admin.token,
        json: { year: 2025, title: "修路", owner: "村委会", dueDate: "2025-05-01" },
      }),
      201,
    );
    const noEvidence = await api(A, `/measures/${m.id}`, {
      method: "PATCH",
      token: w.admin.token,
      json: { status: "completed", completedDate: "2025-04-30" },
    });
    expect(noEvidence.status).toBe(400);
    expect((await problem(noEvidence)).errors?.map((e) => e.field)).toContain("evidence");
    const again = await api(A, "/letters", {
      token: w.admin.token,
      json: {
        unitId: w.unit.id,
        villageCode: w.village.code,
        termStartYear: 2025,
        signedDate: "2025-02-01",
        termGoal: "重复",
      },
    });
    expect(again.status).toBe(409);
  });

  it("keeps another tenant's letter out of reach: a measure for it is 404 and nothing is written", async () => {
    const wb = await world(B);
    // B's letter gets an id that names no letter in A.
    await nextIdOnlyIn(B, "responsibility_letters", A);
    const letterB = await letterFor(B, wb.admin.token, wb.unit.id, wb.village.code);
    const adminA = await signIn(A, "county_admin");
    const res = await api(A, `/letters/${letterB.id}/measures`, {
      token: adminA.token,
      json: { year: 2025, title: "越权措施", owner: "某人", dueDate: "2025-06-01" },
    });
    expect(res.status).toBe(404);
    const n = await TENANT_DB[B]!.prepare("SELECT count(*) AS n FROM letter_measures WHERE letter_id = ?")
      .bind(letterB.id)
      .first<{ n: number }>();
    expect(n!.n).toBe(0);
  });

  it("stores a scanned copy up to 700 KB (PDF, JPEG or PNG by content) and returns it unchanged", async () => {
    const w = await world();
    const letter = await letterFor(A, w.admin.token, w.unit.id, w.village.code);
    const bytes = new Uint8Array(690 * 1024);
    bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);
    for (let i = 8; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    const put = await api(A, `/letters/${letter.id}/scan`, {
      method: "PUT",
      token: w.admin.token,
      body: bytes,
      headers: { "Content-Type": "application/pdf", "X-File-Name": encodeURIComponent("责任书.pdf") },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const got = await api(A, `/letters/${letter.id}/scan`, { token: w.admin.token });
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);

    const big = new Uint8Array(701 * 1024);
    big.set([0x25, 0x50, 0x44, 0x46]);
    const tooBig = await api(A, `/letters/${letter.id}/scan`, {
      method: "PUT",
      token: w.admin.token,
      body: big,
      headers: { "Content-Type": "application/pdf" },
    });
    expect(tooBig.status).toBe(413);
    const notPdf = await api(A, `/letters/${letter.id}/scan`, {
      method: "PUT",
      token: w.admin.token,
      body: "<html>not a scan</html>",
      headers: { "Content-Type": "application/pdf" },
    });
    expect(notPdf.status).toBe(415);
  });
});

describe("督查 problems and rectification", () => {
  it("refuses a rectification deadline before the inspection, changing nothing", async () => {
    const w = await world();
    const before = await TENANT_DB[A]!.prepare("SELECT count(*) AS n FROM inspections").first<{ n: number }>();
    const res = await api(A, "/inspections", {
      token: w.admin.token,
      json: {
        kind: "phone_check",
        date: "2026-03-10",
        targetKind: "cadre",
        cadreId: w.cadre.id,
        findings: "电话无人接听",
        problems: [{ description: "联系不上", deadline: "2026-03-01" }],
      },
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]).toEqual({
      field: "problems.0.deadline",
      message: "整改时限不能早于督查日期",
    });
    const after = await TENANT_DB[A]!.prepare("SELECT count(*) AS n FROM inspections").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it("runs confirm → rectify (by the cadre) → sign-off by someone else", async () => {
    const w = await world();
    const ins = await inspect(A, w.admin.token, w.cadre.id, "2026-03-01");
    const pid = ins.problems[0]!.id;
    const cadreUser = await signIn(A, "cadre", { cadreId: w.cadre.id });
    const early = await api(A, `/problems/${pid}/rectification`, {
      token: cadreUser.token,
      json: { rectification: "已在岗", evidence: "考勤表", date: "2026-03-05" },
    });
    expect(early.status).toBe(409);
    await json(await confirm(A, w.admin.token, pid), 200);
    await json(
      await api(A, `/problems/${pid}/rectification`, {
        token: cadreUser.token,
        json: { rectification: "已返岗并补签考勤", evidence: "考勤表、乡镇证明", date: "2026-03-05" },
      }),
      200,
    );
    const closed = await json<{ status: string }>(
      await api(A, `/problems/${pid}/sign-off`, { token: w.admin.token, json: { decision: "accept" } }),
      200,
    );
    expect(closed.status).toBe("closed");
  });

  it("does not let the officer who reported a rectification sign it off", async () => {
    const w = await world();
    const ins = await inspect(A, w.admin.token, w.cadre.id, "2026-03-02");
    const pid = ins.problems[0]!.id;
    await json(await confirm(A, w.admin.token, pid), 200);
    await json(
      await api(A, `/problems/${pid}/rectification`, {
        token: w.admin.token,
        json: { rectification: "已整改", evidence: "材料", date: "2026-03-04" },
      }),
      200,
    );
    const res = await api(A, `/problems/${pid}/sign-off`, { token: w.admin.token, json: { decision: "accept" } });
    expect(res.status).toBe(403);
  });

  it("shows a cadre only their own inspections, and a township officer only their township's", async () => {
    const w = await world();
    const other = await cadre(A, w.unit.id);
    await assignment(A, other.id, w.village.id);
    const mine = await inspect(A, w.admin.token, w.cadre.id, "2026-02-01");
    const theirs = await inspect(A, w.admin.token, other.id, "2026-02-01");
    const me = await signIn(A, "cadre", { cadreId: w.cadre.id });
    expect((await api(A, `/inspections/${mine.id}`, { token: me.token })).status).toBe(200);
    expect((await api(A, `/inspections/${theirs.id}`, { token: me.token })).status).toBe(404);
    const list = await json<{ items: { id: number }[] }>(
      await api(A, "/inspections?size=200", { token: me.token }),
      200,
    );
    expect(list.items.map((i) => i.id)).toContain(mine.id);
    expect(list.items.map((i) => i.id)).not.toContain(theirs.id);
    const elsewhere = await signIn(A, "township_officer", { townshipCode: (await place(A)).townshipCode });
    expect((await api(A, `/inspections/${mine.id}`, { token: elsewhere.token })).status).toBe(404);
    const own = await signIn(A, "township_officer", { townshipCode: w.townshipCode });
    expect((await api(A, `/inspections/${mine.id}`, { token: own.token })).status).toBe(200);
    const theirProblem = theirs.problems[0]!.id;
    expect((await api(A, `/problems/${theirProblem}`, { token: me.token })).status).toBe(404);
  });
});

describe("一次通报、二次约谈、三次问责", () => {
  it("refuses to escalate without a confirmed problem, and refuses to skip a step", async () => {
    const w = await world();
    const ins = await inspect(A, w.admin.token, w.cadre.id, "2026-04-01");
    const none = await escalate(A, w.admin.token, w.cadre.id, "notice");
    expect(none.status).toBe(409);
    expect((await problem(none)).detail).toContain("没有已确认的问题");
    await json(await confirm(A, w.admin.token, ins.problems[0]!.id), 200);
    const skip = await escalate(A, w.admin.token, w.cadre.id, "interview");
    expect(skip.status).toBe(409);
    expect((await problem(skip)).detail).toContain("须先通报");
    const n = await TENANT_DB[A]!.prepare("SELECT count(*) AS n FROM escalations WHERE target_key = ?")
      .bind(`cadre:${w.cadre.id}`)
      .first<{ n: number }>();
    expect(n!.n).toBe(0);
  });

  it("moves up one step per confirmed problem; 问责 by recall ends the assignment in the same write", async () => {
    const w = await world();
    const dates = ["2026-04-01", "2026-04-10", "2026-04-20"];
    const problems: number[] = [];
    for (const d of dates) problems.push((await inspect(A, w.admin.token, w.cadre.id, d)).problems[0]!.id);

    await json(await confirm(A, w.admin.token, problems[0]!), 200);
    await json(await escalate(A, w.admin.token, w.cadre.id, "notice"), 201);
    // One confirmed problem has been used: 约谈 waits for the second.
    expect((await escalate(A, w.admin.token, w.cadre.id, "interview")).status).toBe(409);
    expect((await escalate(A, w.admin.token, w.cadre.id, "notice")).status).toBe(409);

    await json(await confirm(A, w.admin.token, problems[1]!), 200);
    const proposal = await json<{ nextStep: string; steps: unknown[] }>(
      await api(A, `/escalations/proposal?targetKind=cadre&cadreId=${w.cadre.id}&period=2026`, {
        token: w.admin.token,
      }),
      200,
    );
    expect(proposal.nextStep).toBe("interview");
    expect(proposal.steps).toHaveLength(1);
    await json(await escalate(A, w.admin.token, w.cadre.id, "interview"), 201);

    await json(await confirm(A, w.admin.token, problems[2]!), 200);
    const noOutcome = await escalate(A, w.admin.token, w.cadre.id, "accountability");
    expect(noOutcome.status).toBe(400);
    const recall = await json<{ outcome: string; assignmentId: number }>(
      await escalate(A, w.admin.token, w.cadre.id, "accountability", {
        outcome: "recall",
        assignmentId: w.assignmentId,
      }),
      201,
    );
    expect(recall.outcome).toBe("recall");
    const a = await json<{ status: string; endReason: string }>(
      await api(A, `/assignments/${w.assignmentId}`, { token: w.admin.token }),
      200,
    );
    expect(a.status).toBe("recalled");
    const done = await json<{ nextStep: string | null; reason: string }>(
      await api(A, `/escalations/proposal?targetKind=cadre&cadreId=${w.cadre.id}&period=2026`, {
        token: w.admin.token,
      }),
      200,
    );
    expect(done.nextStep).toBeNull();
  });

  it("lets only one of two officers recording the same step at once succeed", async () => {
    const w = await world();
    const ins = await inspect(A, w.admin.token, w.cadre.id, "2026-05-01");
    await json(await confirm(A, w.admin.token, ins.problems[0]!.id), 200);
    const other = await signIn(A, "county_admin");
    const results = await Promise.all([
      escalate(A, w.admin.token, w.cadre.id, "notice", { date: "2026-05-02" }),
      escalate(A, other.token, w.cadre.id, "notice", { date: "2026-05-02" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("counts per township and unit come from the records, and the CSV says the same", async () => {
    const w = await world();
    const ins = await inspect(A, w.admin.token, w.cadre.id, "2026-06-01");
    await json(await confirm(A, w.admin.token, ins.problems[0]!.id), 200);
    await json(await escalate(A, w.admin.token, w.cadre.id, "notice", { date: "2026-06-02" }), 201);
    const own = await signIn(A, "township_officer", { townshipCode: w.townshipCode });
    const r = await json<{
      byTownship: { code: string; inspections: number; problems: number; notices: number }[];
      byUnit: { id: number; notices: number }[];
    }>(await api(A, "/reports/supervision?year=2026", { token: own.token }), 200);
    expect(r.byTownship).toEqual([
      expect.objectContaining({ code: w.townshipCode, inspections: 1, problems: 1, notices: 1 }),
    ]);
    expect(r.byUnit).toEqual([expect.objectContaining({ id: w.unit.id, notices: 1 })]);
    const csv = await api(A, "/reports/supervision/export?year=2026", { token: own.token });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toContain("通报");
  });
});
