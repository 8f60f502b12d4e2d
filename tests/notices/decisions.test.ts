import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { readNoticeContent } from "../../workers/notices/content.ts";
import { answer, createDecision, endPeriod, householdSetup, objectionIdOf, objectOk } from "./fixtures.ts";

const statusOf = async (tenant: string, householdId: number) =>
  (await TENANT_DB[tenant]!.prepare(
    "SELECT status, monitor_kind AS monitorKind, exit_year AS exitYear FROM households WHERE id = ?",
  )
    .bind(householdId)
    .first<{ status: string; monitorKind: string | null; exitYear: number | null }>())!;
const eventsOf = async (tenant: string, householdId: number) =>
  (
    await TENANT_DB[tenant]!.prepare(
      "SELECT from_status AS fromStatus, to_status AS toStatus, to_monitor_kind AS toMonitorKind, reason, actor_name AS actorName FROM household_status_events WHERE household_id = ?",
    )
      .bind(householdId)
      .all()
  ).results;
const finalize = (tenant: string, token: string, id: number) =>
  api(tenant, `/decisions/${id}/finalize`, { method: "POST", token });

describe("household decisions (建档立卡 / 脱贫退出 / 纳入监测)", () => {
  it("publishes a masked notice and leaves the household's status alone while it runs", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId, villageName } = await householdSetup("longquanyi", { headName: "欧阳娜娜" });
    const d = await createDecision("longquanyi", admin.token, householdId);
    expect(d).toMatchObject({ status: "noticed", householdStatus: "poor", noticeStatus: "open", toStatus: "exited" });
    expect(d.noticeEnd > d.noticeStart).toBe(true);
    const notice = await TENANT_DB.longquanyi!.prepare(
      "SELECT id, kind, subject_id, content, chunk_count AS chunkCount, ledger_seq FROM notices WHERE id = ?",
    )
      .bind(d.noticeId)
      .first<{
        id: number;
        kind: string;
        subject_id: number;
        content: string;
        chunkCount: number;
        ledger_seq: number;
      }>();
    expect(notice).toMatchObject({ kind: "household_exit", subject_id: d.id });
    const content = await readNoticeContent(TENANT_DB.longquanyi!, notice!);
    expect(content).toContain("欧**娜");
    expect(content).toContain(villageName);
    expect(content).not.toContain("欧阳娜娜");
    expect(notice!.ledger_seq).toBeGreaterThan(0);
    expect((await statusOf("longquanyi", householdId)).status).toBe("poor");
    const ledger = await TENANT_DB.longquanyi!.prepare("SELECT kind, ref, content FROM ledger_entries WHERE seq = ?")
      .bind(notice!.ledger_seq)
      .first<{ kind: string; ref: string; content: string }>();
    expect(ledger).toMatchObject({ kind: "notice.published", ref: `household_exit:${d.id}` });
    expect(ledger!.content).not.toContain("欧阳娜娜");
  });

  it("allows one open decision per household", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId } = await householdSetup("longquanyi");
    await createDecision("longquanyi", admin.token, householdId);
    const res = await api("longquanyi", `/households/${householdId}/decisions`, {
      token: admin.token,
      json: { kind: "monitoring", monitorKind: "marginal", reason: "因病" },
    });
    expect(res.status).toBe(409);
    const n = await TENANT_DB.longquanyi!.prepare(
      "SELECT count(*) AS n FROM household_decisions WHERE household_id = ?",
    )
      .bind(householdId)
      .first<{ n: number }>();
    expect(n!.n).toBe(1);
  });

  it("validates input: kind, reason, monitor kind, target status, transition", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { householdId } = await householdSetup("pingchuan", { status: "exited" });
    let res = await api("pingchuan", `/households/${householdId}/decisions`, {
      token: admin.token,
      json: { kind: "bogus", reason: "" },
    });
    expect(res.status).toBe(400);
    const p = await problem(res);
    expect(p.errors?.map((e) => e.field).sort()).toEqual(["kind", "reason"]);
    res = await api("pingchuan", `/households/${householdId}/decisions`, {
      token: admin.token,
      json: { kind: "monitoring", reason: "因灾" },
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe("monitorKind");
    res = await api("pingchuan", `/households/${householdId}/decisions`, {
      token: admin.token,
      json: { kind: "identification", toStatus: "exited", reason: "x" },
    });
    expect(res.status).toBe(400);
    res = await api("pingchuan", `/households/${householdId}/decisions`, {
      token: admin.token,
      json: { kind: "exit", reason: "已脱贫户不能再退出" },
    });
    expect(res.status).toBe(409);
    res = await api("pingchuan", `/households/999999/decisions`, {
      token: admin.token,
      json: { kind: "exit", reason: "x" },
    });
    expect(res.status).toBe(404);
  });

  it("refuses to finalize before the notice period has ended", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId } = await householdSetup("longquanyi");
    const d = await createDecision("longquanyi", admin.token, householdId);
    const res = await finalize("longquanyi", admin.token, d.id);
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("期满后");
    expect((await statusOf("longquanyi", householdId)).status).toBe("poor");
    expect(await eventsOf("longquanyi", householdId)).toHaveLength(0);
  });

  it("after the period without objection: changes the status, records the event, closes the notice, appends to the ledger", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId } = await householdSetup("longquanyi");
    const d = await createDecision("longquanyi", admin.token, householdId);
    await endPeriod("longquanyi", d.noticeId);
    const res = await finalize("longquanyi", admin.token, d.id);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "effective", householdStatus: "exited", noticeStatus: "closed" });
    const hh = await statusOf("longquanyi", householdId);
    expect(hh.status).toBe("exited");
    expect(hh.exitYear).toBeGreaterThan(2020);
    expect(await eventsOf("longquanyi", householdId)).toEqual([
      expect.objectContaining({ fromStatus: "poor", toStatus: "exited", actorName: admin.username }),
    ]);
    const entry = await TENANT_DB.longquanyi!.prepare(
      "SELECT content FROM ledger_entries WHERE kind = 'decision.effective' AND ref = ?",
    )
      .bind(`household_exit:${d.id}`)
      .first<{ content: string }>();
    expect(JSON.parse(entry!.content)).toMatchObject({ decisionId: d.id, toStatus: "exited" });
    // Twice is a conflict that changes nothing.
    expect((await finalize("longquanyi", admin.token, d.id)).status).toBe(409);
    expect(await eventsOf("longquanyi", householdId)).toHaveLength(1);
  });

  it("includes a household in monitoring with its kind", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { householdId } = await householdSetup("dazhou", { status: "exited" });
    const d = await createDecision("dazhou", admin.token, householdId, {
      kind: "monitoring",
      monitorKind: "unstable",
      reason: "因病返贫风险",
    });
    await endPeriod("dazhou", d.noticeId);
    expect((await finalize("dazhou", admin.token, d.id)).status).toBe(200);
    expect(await statusOf("dazhou", householdId)).toMatchObject({ status: "monitored", monitorKind: "unstable" });
  });

  it("identifies a monitored household as poor through the one status-change path: year identified, monitor kind cleared, event recorded", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { householdId } = await householdSetup("pingchuan", { status: "monitored", monitorKind: "unstable" });
    await TENANT_DB.pingchuan!.prepare("UPDATE households SET exit_year = 2019, year_identified = NULL WHERE id = ?")
      .bind(householdId)
      .run();
    const d = await createDecision("pingchuan", admin.token, householdId, {
      kind: "identification",
      reason: "因灾返贫，经评议纳入",
    });
    await endPeriod("pingchuan", d.noticeId);
    const res = await finalize("pingchuan", admin.token, d.id);
    expect(res.status, await res.clone().text()).toBe(200);
    const hh = await TENANT_DB.pingchuan!.prepare(
      "SELECT status, monitor_kind AS monitorKind, exit_year AS exitYear, year_identified AS yearIdentified FROM households WHERE id = ?",
    )
      .bind(householdId)
      .first();
    // exit_year is cleared on a return to poor, as for any status change (workers/households/status.ts)
    expect(hh).toEqual({ status: "poor", monitorKind: null, exitYear: null, yearIdentified: expect.any(Number) });
    expect((hh as { yearIdentified: number }).yearIdentified).toBeGreaterThan(2020);
    expect(await eventsOf("pingchuan", householdId)).toEqual([
      expect.objectContaining({
        fromStatus: "monitored",
        toStatus: "poor",
        toMonitorKind: null,
        actorName: admin.username,
        reason: expect.stringContaining("因灾返贫"),
      }),
    ]);
  });

  it("is blocked by an open objection, and can finalize once it is rejected", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { householdId } = await householdSetup("longquanyi");
    const d = await createDecision("longquanyi", admin.token, householdId);
    const { trackingCode } = await objectOk("longquanyi", d.noticeId);
    await endPeriod("longquanyi", d.noticeId);
    const res = await finalize("longquanyi", admin.token, d.id);
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("异议");
    expect((await statusOf("longquanyi", householdId)).status).toBe("poor");
    expect(
      (
        await answer(
          "longquanyi",
          admin.token,
          await objectionIdOf("longquanyi", trackingCode),
          "rejected",
          "经入户核实，车辆为亲属所有",
        )
      ).status,
    ).toBe(200);
    expect((await finalize("longquanyi", admin.token, d.id)).status).toBe(200);
    expect((await statusOf("longquanyi", householdId)).status).toBe("exited");
  });

  it("an upheld objection rejects the decision and withdraws the notice; the status never changes", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { householdId } = await householdSetup("pingchuan");
    const d = await createDecision("pingchuan", admin.token, householdId);
    const { trackingCode } = await objectOk("pingchuan", d.noticeId);
    const res = await answer(
      "pingchuan",
      admin.token,
      await objectionIdOf("pingchuan", trackingCode),
      "upheld",
      "经核实，该户尚未稳定达标",
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "upheld", noticeWithdrawn: true });
    const view = (await (await api("pingchuan", `/decisions/${d.id}`, { token: admin.token })).json()) as {
      status: string;
      noticeStatus: string;
    };
    expect(view).toMatchObject({ status: "rejected", noticeStatus: "withdrawn" });
    await endPeriod("pingchuan", d.noticeId);
    expect((await finalize("pingchuan", admin.token, d.id)).status).toBe(409);
    expect((await statusOf("pingchuan", householdId)).status).toBe("poor");
    expect(await eventsOf("pingchuan", householdId)).toHaveLength(0);
    const kinds = (
      await TENANT_DB.pingchuan!.prepare("SELECT kind FROM ledger_entries WHERE ref = ? ORDER BY seq")
        .bind(`household_exit:${d.id}`)
        .all<{ kind: string }>()
    ).results.map((r) => r.kind);
    expect(kinds).toEqual(["notice.published", "objection.answered", "notice.withdrawn"]);
    // A new decision may now be noticed again.
    await createDecision("pingchuan", admin.token, householdId);
  });

  it("keeps roles and townships apart", async () => {
    const { householdId, township } = await householdSetup("dazhou");
    const other = await householdSetup("dazhou");
    const officer = await signIn("dazhou", "township_officer", { townshipCode: township });
    const cadre = await signIn("dazhou", "cadre");
    const finance = await signIn("dazhou", "finance_officer");
    const body = { kind: "exit", reason: "达标" };
    expect(
      (await api("dazhou", `/households/${householdId}/decisions`, { token: cadre.token, json: body })).status,
    ).toBe(403);
    expect(
      (await api("dazhou", `/households/${householdId}/decisions`, { token: finance.token, json: body })).status,
    ).toBe(403);
    expect((await api("dazhou", `/households/${householdId}/decisions`, { json: body })).status).toBe(401);
    expect(
      (await api("dazhou", `/households/${other.householdId}/decisions`, { token: officer.token, json: body })).status,
    ).toBe(404);
    // Push dazhou's decision ids far beyond the other tenants', so the id below exists only here.
    await TENANT_DB.dazhou!.prepare(
      "INSERT INTO household_decisions (id, household_id, kind, to_status, reason, status, created_by) VALUES (7000, ?, 'exit', 'exited', 'x', 'rejected', 1)",
    )
      .bind(other.householdId)
      .run();
    const d = await createDecision("dazhou", officer.token, householdId);
    expect(d.id).toBe(7001);
    // Another tenant's id is simply not there.
    const stranger = await signIn("longquanyi", "county_admin");
    expect((await api("longquanyi", `/decisions/${d.id}`, { token: stranger.token })).status).toBe(404);
    expect((await finalize("longquanyi", stranger.token, d.id)).status).toBe(404);
    const otherOfficer = await signIn("dazhou", "township_officer", { townshipCode: other.township });
    expect((await finalize("dazhou", otherOfficer.token, d.id)).status).toBe(404);
  });
});
