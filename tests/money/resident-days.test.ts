import { describe, expect, it } from "vitest";
import { api, postForm, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { addLine, createBatch, createProgram, post, setBudget } from "../helpers/money-fixtures.ts";
import { adminPage } from "../money-ui/fixtures.ts";
import { assigned, cadreSession, createCadre, createUnit, township } from "../people/fixtures.ts";

const T = "longquanyi";

describe("resident days (驻村天数) feed pay only once confirmed", () => {
  it("keeps reported days out of amounts until the township confirms them; a change goes back to reported", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token);
    const t = await township(T, admin.token, 1);
    const cadre = await createCadre(T, admin.token, unit.id);
    const idle = await createCadre(T, admin.token, unit.id);
    const x = await assigned(T, admin.token, cadre.id, t.villages[0]!.code, "first_secretary", "2024-01-15");
    await assigned(T, admin.token, idle.id, t.villages[0]!.code, "team_member", "2024-01-15");
    const me = await cadreSession(T, admin.token, cadre.id);
    const days = (n: number) =>
      api(T, `/assignments/${x.id}/attendance/2026-10`, { method: "PUT", token: me.token, json: { days: n } });
    const reported = await days(20);
    expect(reported.status, await reported.clone().text()).toBe(200);
    expect(await reported.json()).toMatchObject({ days: 20, status: "reported" });

    const finance = await signIn(T, "finance_officer");
    const program = await createProgram(T, admin.token, { ruleKind: "per_resident_day", ruleAmountFen: 10_000 });
    await setBudget(T, admin.token, program.id, 2026, 10_000_000);
    const batchId = await createBatch(T, finance.token, program.id, "2026-10");
    const unconfirmed = await addLine(T, finance.token, batchId, { recipientId: cadre.id, quantity: 20 });
    expect(unconfirmed.status).toBe(400);
    expect((await problem(unconfirmed)).detail).toContain("尚未经乡镇或县级确认");
    const noRecord = await addLine(T, finance.token, batchId, { recipientId: idle.id, quantity: 15 });
    expect(noRecord.status).toBe(400);
    expect((await problem(noRecord)).detail).toContain("没有已确认的驻村天数记录");
    const gen = await post(T, finance.token, `/batches/${batchId}/generate`, { source: "attendance" });
    expect(await gen.json()).toMatchObject({ added: 0 });

    const confirm = (token: string, n = 20) =>
      post(T, token, `/assignments/${x.id}/attendance/2026-10/confirm`, { days: n });
    expect((await confirm(me.token)).status).toBe(403);
    const elsewhere = await signIn(T, "township_officer");
    expect((await confirm(elsewhere.token)).status).toBe(404);
    const officer = await signIn(T, "township_officer", { townshipCode: t.code });
    expect((await confirm(officer.token, 25)).status).toBe(409);
    const ok = await confirm(officer.token);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "confirmed", confirmedBy: officer.id });

    const tooMany = await addLine(T, finance.token, batchId, { recipientId: cadre.id, quantity: 25 });
    expect(tooMany.status).toBe(400);
    expect((await problem(tooMany)).detail).toContain("已确认的驻村天数为 20 天");
    const line = await addLine(T, finance.token, batchId, { recipientId: cadre.id });
    expect(line.status, await line.clone().text()).toBe(201);
    expect(await line.json()).toMatchObject({
      amountFen: 200_000,
      quantity: 20,
      daysConfirmedBy: "测试township_officer",
    });
    const page = await adminPage(`/t/${T}/admin/batches/${batchId}`, finance.cookie);
    expect(page.html).toContain("天数已确认（测试township_officer");

    // A change after confirmation is reported again and pays nothing until confirmed again.
    expect((await days(28)).status).toBe(200);
    const list = (await (await api(T, `/assignments/${x.id}/attendance`, { token: admin.token })).json()) as {
      items: { month: string; days: number; status: string; confirmedBy: number | null }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ month: "2026-10", days: 28, status: "reported", confirmedBy: null }),
    ]);
    const other = await createProgram(T, admin.token, { ruleKind: "per_resident_day", ruleAmountFen: 10_000 });
    await setBudget(T, admin.token, other.id, 2026, 10_000_000);
    const later = await createBatch(T, finance.token, other.id, "2026-10");
    expect((await addLine(T, finance.token, later, { recipientId: cadre.id })).status).toBe(400);
    const audit = await TENANT_DB[T]!.prepare(
      "SELECT group_concat(action) AS a FROM (SELECT action FROM audit_log WHERE entity = 'assignment' AND entity_id = ? AND action LIKE 'attendance.%' ORDER BY seq)",
    )
      .bind(String(x.id))
      .first<{ a: string }>();
    expect(audit?.a).toBe("attendance.record,attendance.confirm,attendance.record");
  });

  it("shows the status on the attendance screen with a confirm button for the township, none for the cadre", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token);
    const t = await township(T, admin.token, 1);
    const cadre = await createCadre(T, admin.token, unit.id);
    const x = await assigned(T, admin.token, cadre.id, t.villages[0]!.code, "first_secretary", "2024-01-15");
    const me = await cadreSession(T, admin.token, cadre.id);
    expect(
      (await api(T, `/assignments/${x.id}/attendance/2026-09`, { method: "PUT", token: me.token, json: { days: 18 } }))
        .status,
    ).toBe(200);
    const path = `/t/${T}/admin/assignments/${x.id}`;
    const own = await adminPage(path, me.cookie);
    expect(own.html).toContain("待确认");
    expect(own.html).not.toContain("/attendance/2026-09/confirm");
    const officer = await signIn(T, "township_officer", { townshipCode: t.code });
    const theirs = await adminPage(path, officer.cookie);
    expect(theirs.html).toContain(`action="${path}/attendance/2026-09/confirm"`);
    const form = await fetchForm(`${path}/attendance/2026-09/confirm`, officer.cookie, officer.csrfToken, {
      days: "18",
    });
    expect(form.status).toBe(303);
    const after = await adminPage(path, admin.cookie);
    expect(after.html).toContain("已确认（测试township_officer");
  });
});

function fetchForm(path: string, cookie: string, csrf: string, fields: Record<string, string>) {
  return postForm(path, { _csrf: csrf, ...fields }, { cookie });
}
