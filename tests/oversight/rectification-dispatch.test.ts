import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, township, village } from "../helpers/fixtures.ts";

const T = "pingchuan";
let yearSeq = 2010;

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}
type Rect = {
  id: number;
  villageId: number;
  status: string;
  dispatchedCadreId: number | null;
  dispatchedAssignmentId: number | null;
  dispatchedAssignmentStatus: string | null;
};
const tagsOf = async (code: string, token: string) =>
  (await json<{ tags: string[] }>(await api(T, `/villages/${code}`, { token }), 200)).tags;

/** A township with two villages confirmed on a year's 后进 list (each test its own year). */
async function listed(category = "lagging") {
  const year = ++yearSeq;
  const admin = await signIn(T, "county_admin");
  const t = await township(T);
  const a = await village(T, t, ["poor"]);
  const b = await village(T, t);
  await json(
    await api(T, "/rectifications", {
      token: admin.token,
      json: { year, category, villageIds: [a.id, b.id], indicators: ["income"], acceptOverShare: true },
    }),
    201,
  );
  const items = (
    await json<{ items: Rect[] }>(await api(T, `/rectifications?year=${year}`, { token: admin.token }), 200)
  ).items;
  const idOf = (villageId: number) => items.find((x) => x.villageId === villageId)!.id;
  const officer = await signIn(T, "township_officer", { townshipCode: t });
  return { year, admin, officer, t, a, b, rectA: idOf(a.id), rectB: idOf(b.id) };
}
const dispatch = (token: string, id: number, body: Record<string, unknown>) =>
  api(T, `/rectifications/${id}/dispatch`, { token, json: body });

describe("后进村整顿: dispatch starts an assignment, the list sets the village's tag", () => {
  it("confirming tags the villages; dispatching a first secretary creates a real assignment, once", async () => {
    const w = await listed();
    expect(await tagsOf(w.a.code, w.admin.token)).toEqual(["poor", "lagging"]);
    expect(await tagsOf(w.b.code, w.admin.token)).toEqual(["lagging"]);
    const villagePage = await call(`/t/${T}/admin/villages/${w.a.code}`, { headers: { Cookie: w.admin.cookie } });
    expect(await villagePage.text()).toContain("后进村");

    const c = await cadre(T);
    const r = await json<Rect>(
      await dispatch(w.officer.token, w.rectA, { cadreId: c.id, role: "secretary", date: `${w.year}-03-01` }),
      200,
    );
    expect(r).toMatchObject({ dispatchedCadreId: c.id, dispatchedAssignmentStatus: "active" });
    const a = await json<{ cadreId: number; villageId: number; role: string; startDate: string; status: string }>(
      await api(T, `/assignments/${r.dispatchedAssignmentId}`, { token: w.admin.token }),
      200,
    );
    expect(a).toMatchObject({
      cadreId: c.id,
      villageId: w.a.id,
      role: "first_secretary",
      startDate: `${w.year}-03-01`,
      status: "active",
    });
    // Both writes are audited in the one batch.
    const audit = await TENANT_DB[T]!.prepare(
      "SELECT action FROM audit_log WHERE action IN ('assignment.create', 'rectification.dispatch') ORDER BY seq DESC LIMIT 2",
    ).all<{ action: string }>();
    expect(audit.results.map((x) => x.action).sort()).toEqual(["assignment.create", "rectification.dispatch"]);

    // While the dispatched cadre serves, a second dispatch is refused: a change is 调整更换.
    const again = await dispatch(w.officer.token, w.rectA, {
      cadreId: (await cadre(T)).id,
      role: "secretary",
      date: `${w.year}-04-01`,
    });
    expect(again.status).toBe(409);
    expect((await problem(again)).detail).toContain("调整更换");
  });

  it("an instructor joins the resident team; the assignment rules refuse a second first secretary and change nothing", async () => {
    const w = await listed("weak_party_org");
    const sitting = await cadre(T);
    await assignment(T, sitting.id, w.b.id, "first_secretary");
    const c = await cadre(T);
    const refused = await dispatch(w.admin.token, w.rectB, {
      cadreId: c.id,
      role: "secretary",
      date: `${w.year}-03-01`,
    });
    expect(refused.status).toBe(409);
    expect((await problem(refused)).detail).toContain("已有在岗第一书记");
    const unchanged = await json<Rect>(await api(T, `/rectifications/${w.rectB}`, { token: w.admin.token }), 200);
    expect(unchanged).toMatchObject({ dispatchedCadreId: null, dispatchedAssignmentId: null });
    const none = await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM assignments WHERE cadre_id = ?")
      .bind(c.id)
      .first<{ n: number }>();
    expect(none!.n).toBe(0);

    const r = await json<Rect>(
      await dispatch(w.admin.token, w.rectB, { cadreId: c.id, role: "instructor", date: `${w.year}-03-01` }),
      200,
    );
    const a = await json<{ role: string }>(
      await api(T, `/assignments/${r.dispatchedAssignmentId}`, { token: w.admin.token }),
      200,
    );
    expect(a.role).toBe("team_member");
    // A date before the list's year and another township's officer are refused.
    const early = await dispatch(w.admin.token, w.rectA, { cadreId: c.id, role: "instructor", date: "2000-01-01" });
    expect(early.status).toBe(400);
    const stranger = await signIn(T, "township_officer", { townshipCode: await township(T) });
    expect(
      (await dispatch(stranger.token, w.rectA, { cadreId: c.id, role: "instructor", date: `${w.year}-03-01` })).status,
    ).toBe(404);
  });

  it("the confirmed exit takes the tag off the village (and keeps its other tags)", async () => {
    const w = await listed();
    const m = await json<{ measures: { id: number }[] }>(
      await api(T, `/rectifications/${w.rectA}/measures`, {
        token: w.officer.token,
        json: { title: "调整村党支部班子", owner: "镇党委", dueDate: `${w.year}-10-01` },
      }),
      201,
    );
    await json(
      await api(T, `/rectifications/${w.rectA}/measures/${m.measures[0]!.id}`, {
        method: "PUT",
        token: w.officer.token,
        json: { status: "completed", completedDate: `${w.year}-06-01`, evidence: "换届选举结果" },
      }),
      200,
    );
    await json(
      await api(T, `/rectifications/${w.rectA}/exit-request`, { token: w.officer.token, json: { note: "整顿完成" } }),
      200,
    );
    expect(await tagsOf(w.a.code, w.admin.token)).toEqual(["poor", "lagging"]);
    await json(await api(T, `/rectifications/${w.rectA}/exit-confirm`, { method: "POST", token: w.admin.token }), 200);
    expect(await tagsOf(w.a.code, w.admin.token)).toEqual(["poor"]);
    // The other village of the list keeps its tag until its own exit.
    expect(await tagsOf(w.b.code, w.admin.token)).toEqual(["lagging"]);
  });
});
