import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import {
  addLine,
  cadreFixture,
  createBatch,
  createProgram,
  post,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";

/** A per-month cadre program (500 元/月) with a 2026 budget, and one first secretary. */
async function monthlyProgram(tenant: string) {
  const admin = await signIn(tenant, "county_admin");
  const { villageId, unitId } = await registryFixture(tenant);
  const program = await createProgram(tenant, admin.token, { ruleKind: "per_month", ruleAmountFen: 50_000 });
  await setBudget(tenant, admin.token, program.id, 2026, 100_000_000);
  const cadre = await cadreFixture(tenant, unitId, villageId, "first_secretary", "周书记");
  return { admin, program, cadreId: cadre.cadreId };
}

describe("claims cover the months a line pays for, not the period string", () => {
  it("refuses a yearly line over a month already claimed by a monthly batch, and the other way round", async () => {
    const { admin, program, cadreId } = await monthlyProgram("longquanyi");
    const november = await createBatch("longquanyi", admin.token, program.id, "2026-11");
    expect((await addLine("longquanyi", admin.token, november, { recipientId: cadreId })).status).toBe(201);
    const year = await createBatch("longquanyi", admin.token, program.id, "2026");
    const twice = await addLine("longquanyi", admin.token, year, { recipientId: cadreId });
    expect(twice.status).toBe(409);
    const detail = (await problem(twice)).detail;
    expect(detail).toContain("2026-11");
    expect(detail).toContain("同一月份只能发放一次");

    // Generating the yearly batch from the registry skips the cadre paid for November.
    const gen = await post("longquanyi", admin.token, `/batches/${year}/generate`, { source: "first_secretaries" });
    expect(gen.status).toBe(200);
    const lines = (await (await api("longquanyi", `/batches/${year}/lines`, { token: admin.token })).json()) as {
      items: { recipientId: number }[];
    };
    expect(lines.items.map((l) => l.recipientId)).not.toContain(cadreId);

    const other = await monthlyProgram("longquanyi");
    const wholeYear = await createBatch("longquanyi", other.admin.token, other.program.id, "2026");
    expect((await addLine("longquanyi", other.admin.token, wholeYear, { recipientId: other.cadreId })).status).toBe(
      201,
    );
    const claims = await TENANT_DB.longquanyi!.prepare(
      "SELECT count(*) AS n FROM payment_month_claims WHERE program_id = ? AND recipient_id = ?",
    )
      .bind(other.program.id, other.cadreId)
      .first<{ n: number }>();
    expect(claims?.n).toBe(12);
    const march = await createBatch("longquanyi", other.admin.token, other.program.id, "2026-03");
    const res = await addLine("longquanyi", other.admin.token, march, { recipientId: other.cadreId });
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("重叠");
  });

  it("releases every month of a line when its batch is cancelled, so a monthly payment can follow", async () => {
    const { admin, program, cadreId } = await monthlyProgram("pingchuan");
    const year = await createBatch("pingchuan", admin.token, program.id, "2026");
    expect((await addLine("pingchuan", admin.token, year, { recipientId: cadreId })).status).toBe(201);
    const may = await createBatch("pingchuan", admin.token, program.id, "2026-05");
    expect((await addLine("pingchuan", admin.token, may, { recipientId: cadreId })).status).toBe(409);
    expect((await post("pingchuan", admin.token, `/batches/${year}/cancel`)).status).toBe(200);
    expect((await addLine("pingchuan", admin.token, may, { recipientId: cadreId })).status).toBe(201);
    const months = await TENANT_DB.pingchuan!.prepare(
      "SELECT group_concat(month) AS m FROM payment_month_claims WHERE program_id = ? AND recipient_id = ?",
    )
      .bind(program.id, cadreId)
      .first<{ m: string }>();
    expect(months?.m).toBe("2026-05");
  });

  it("keeps another tenant's claims apart: the same ids in another tenant are not blocked", async () => {
    const a = await monthlyProgram("dazhou");
    const nov = await createBatch("dazhou", a.admin.token, a.program.id, "2026-11");
    expect((await addLine("dazhou", a.admin.token, nov, { recipientId: a.cadreId })).status).toBe(201);
    const claims = await TENANT_DB.pingchuan!.prepare(
      "SELECT count(*) AS n FROM payment_month_claims WHERE program_id = ? AND recipient_id = ? AND month = '2026-11'",
    )
      .bind(a.program.id, a.cadreId)
      .first<{ n: number }>();
    expect(claims?.n).toBe(0);
  });
});
