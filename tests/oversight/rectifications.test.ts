import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { cadre, township, village } from "../helpers/fixtures.ts";

const T = "pingchuan";
let yearSeq = 2005;

/** Three villages of one township: a 空壳 village with an open problem, a 薄弱 one and a strong one. */
async function county() {
  const year = ++yearSeq;
  const t = await township(T);
  const weak = await village(T, t);
  const middling = await village(T, t);
  const strong = await village(T, t);
  const db = TENANT_DB[T]!;
  await db
    .prepare(
      "INSERT INTO village_incomes (village_id, year, income_fen) VALUES (?1, ?4, 0), (?2, ?4, 500000), (?3, ?4, 20000000)",
    )
    .bind(weak.id, middling.id, strong.id, year)
    .run();
  const insp = await db
    .prepare(
      "INSERT INTO inspections (kind, date, target_kind, target_key, target_village_id, township_code, findings, created_by) VALUES ('on_site', ?, 'village', ?, ?, ?, '班子不团结', 1) RETURNING id",
    )
    .bind(`${year}-05-01`, `village:${weak.id}`, weak.id, t)
    .first<{ id: number }>();
  await db
    .prepare(
      "INSERT INTO inspection_problems (inspection_id, description, deadline, status) VALUES (?, '三会一课不落实', ?, 'confirmed')",
    )
    .bind(insp!.id, `${year}-06-01`)
    .run();
  return { year, township: t, weak, middling, strong };
}

const confirmBody = (year: number, villageIds: number[], over: Record<string, unknown> = {}) => ({
  json: { year, category: "lagging", villageIds, indicators: ["income", "problems"], ...over },
});

describe("后进村整顿", () => {
  it("ranks villages from the records by the chosen indicators, weakest first", async () => {
    const { year, township: t, weak, middling, strong } = await county();
    const officer = await signIn(T, "township_officer", { townshipCode: t });
    const res = await api(T, `/rectifications/ranking?year=${year}&indicators=income,problems`, {
      token: officer.token,
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as {
      villages: number;
      suggestedCount: number;
      rows: { villageId: number; score: number; openProblems: number; suggested: boolean }[];
    };
    expect(r.villages).toBe(3); // a township officer ranks their own township only
    expect(r.rows.map((x) => x.villageId)).toEqual([weak.id, middling.id, strong.id]);
    expect(r.rows[0]).toMatchObject({ score: 62, openProblems: 1, suggested: true }); // (100 + 25) / 2
    expect(r.rows[2]!.score).toBe(0);
    expect(r.suggestedCount).toBe(1);
    const bad = await api(T, `/rectifications/ranking?year=${year}&indicators=income,wealth`, { token: officer.token });
    expect(bad.status).toBe(400);
  });

  it("confirms the list by the county only, warns above 10 %, refuses listing a village twice", async () => {
    const { year, township: t, weak, middling } = await county();
    const admin = await signIn(T, "county_admin");
    const officer = await signIn(T, "township_officer", { townshipCode: t });
    expect((await api(T, "/rectifications", { token: officer.token, ...confirmBody(year, [weak.id]) })).status).toBe(
      403,
    );
    const tooMany = await api(T, "/rectifications", {
      token: admin.token,
      ...confirmBody(
        year,
        Array.from({ length: 101 }, (_, i) => i + 1),
      ),
    });
    expect(tooMany.status).toBe(400);
    // Every village of this test file's tenant counts: 2 of them is well above 10 % here.
    const warned = await api(T, "/rectifications", {
      token: admin.token,
      ...confirmBody(year, [weak.id, middling.id]),
    });
    expect(warned.status).toBe(409);
    expect((await problem(warned)).detail).toContain("超过通常的 10%");
    const listed = await api(T, `/rectifications?year=${year}`, { token: admin.token });
    expect(((await listed.json()) as { listed: number }).listed).toBe(0);
    const ok = await api(T, "/rectifications", {
      token: admin.token,
      ...confirmBody(year, [weak.id], { acceptOverShare: true, note: "群众反映强烈" }),
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(((await ok.json()) as { created: number }).created).toBe(1);
    const again = await api(T, "/rectifications", {
      token: admin.token,
      ...confirmBody(year, [weak.id], { acceptOverShare: true }),
    });
    expect(again.status).toBe(409);
    const list = (await (await api(T, `/rectifications?year=${year}`, { token: officer.token })).json()) as {
      items: { villageId: number; reason: string; score: number }[];
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.reason).toContain("群众反映强烈");
    expect(list.items[0]!.score).toBe(62);
  });

  it("exits only when every measure is done and someone other than the requester confirms", async () => {
    const { year, township: t, weak } = await county();
    const admin = await signIn(T, "county_admin");
    await api(T, "/rectifications", { token: admin.token, ...confirmBody(year, [weak.id], { acceptOverShare: true }) });
    const rows = (await (await api(T, `/rectifications?year=${year}`, { token: admin.token })).json()) as {
      items: { id: number; villageId: number }[];
    };
    const id = rows.items.find((x) => x.villageId === weak.id)!.id;
    const officer = await signIn(T, "township_officer", { townshipCode: t });
    const stranger = await signIn(T, "township_officer", { townshipCode: await township(T) });
    expect((await api(T, `/rectifications/${id}`, { token: stranger.token })).status).toBe(404);
    const measure = (title: string) =>
      api(T, `/rectifications/${id}/measures`, {
        token: officer.token,
        json: { title, owner: "镇党委书记", dueDate: `${year}-10-01` },
      });
    expect((await measure("调整村党支部班子")).status).toBe(201);
    const added = await measure("规范三会一课");
    const m = ((await added.json()) as { measures: { id: number }[] }).measures;
    expect(m).toHaveLength(2);
    expect(
      (
        await api(T, `/rectifications/${id}/measures`, {
          token: stranger.token,
          json: { title: "x", owner: "y", dueDate: `${year}-10-01` },
        })
      ).status,
    ).toBe(404);
    const c = await cadre(T);
    expect(
      (
        await api(T, `/rectifications/${id}/dispatch`, {
          token: officer.token,
          json: { cadreId: c.id, role: "secretary", date: `${year}-03-01` },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(T, `/rectifications/${id}/dispatch`, {
          token: officer.token,
          json: { cadreId: 99_999_999, role: "secretary", date: `${year}-03-01` },
        })
      ).status,
    ).toBe(400);
    const exit = () =>
      api(T, `/rectifications/${id}/exit-request`, { token: officer.token, json: { note: "整顿完成" } });
    const early = await exit();
    expect(early.status).toBe(409);
    expect((await problem(early)).detail).toContain("未完成");
    const done = (mid: number, body: Record<string, unknown>) =>
      api(T, `/rectifications/${id}/measures/${mid}`, { method: "PUT", token: officer.token, json: body });
    expect((await done(m[0]!.id, { status: "completed", completedDate: `${year}-06-01` })).status).toBe(400); // no evidence
    expect(
      (await done(m[0]!.id, { status: "completed", completedDate: `${year}-06-01`, evidence: "换届选举结果" })).status,
    ).toBe(200);
    expect(
      (await done(m[1]!.id, { status: "completed", completedDate: `${year}-07-01`, evidence: "会议记录" })).status,
    ).toBe(200);
    expect((await exit()).status).toBe(200);
    expect((await done(m[1]!.id, { status: "in_progress" })).status).toBe(409); // frozen once the exit is asked
    // The county admin asks for an exit elsewhere and may not confirm their own; here the officer asked.
    expect((await api(T, `/rectifications/${id}/exit-confirm`, { method: "POST", token: officer.token })).status).toBe(
      403,
    );
    const confirmed = await api(T, `/rectifications/${id}/exit-confirm`, { method: "POST", token: admin.token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: "exited", dispatchedCadreName: c.name, measuresDone: 2 });
    expect((await api(T, `/rectifications/${id}/exit-confirm`, { method: "POST", token: admin.token })).status).toBe(
      409,
    );
  });

  it("refuses to confirm one's own exit request", async () => {
    const { year, weak } = await county();
    const admin = await signIn(T, "county_admin");
    await api(T, "/rectifications", { token: admin.token, ...confirmBody(year, [weak.id], { acceptOverShare: true }) });
    const rows = (await (await api(T, `/rectifications?year=${year}`, { token: admin.token })).json()) as {
      items: { id: number }[];
    };
    const id = rows.items[0]!.id;
    const added = (await (
      await api(T, `/rectifications/${id}/measures`, {
        token: admin.token,
        json: { title: "整顿", owner: "书记", dueDate: `${year}-10-01` },
      })
    ).json()) as { measures: { id: number }[] };
    await api(T, `/rectifications/${id}/measures/${added.measures[0]!.id}`, {
      method: "PUT",
      token: admin.token,
      json: { status: "completed", completedDate: `${year}-06-01`, evidence: "验收记录" },
    });
    expect(
      (await api(T, `/rectifications/${id}/exit-request`, { token: admin.token, json: { note: "完成" } })).status,
    ).toBe(200);
    const own = await api(T, `/rectifications/${id}/exit-confirm`, { method: "POST", token: admin.token });
    expect(own.status).toBe(409);
    expect((await problem(own)).detail).toContain("申请人以外");
    const after = (await (await api(T, `/rectifications/${id}`, { token: admin.token })).json()) as { status: string };
    expect(after.status).toBe("exit_requested");
  });
});
