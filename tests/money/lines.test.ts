import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { addLine, cadreFixture, createBatch, createProgram, post, registryFixture } from "../helpers/money-fixtures.ts";

const linesOf = async (tenant: string, token: string, batchId: number) =>
  (
    (await (await api(tenant, `/batches/${batchId}/lines?size=200`, { token })).json()) as {
      items: { recipientId: number; amountFen: number; quantity: number | null; recipientName: string }[];
    }
  ).items;

describe("amounts follow the seeds' rules", () => {
  it("pays every active first secretary 500 元 a month (seed 000) and skips team members", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId, unitId } = await registryFixture("longquanyi");
    const other = await registryFixture("longquanyi");
    const fs1 = await cadreFixture("longquanyi", unitId, villageId, "first_secretary", "第一书记甲");
    const fs2 = await cadreFixture("longquanyi", unitId, other.villageId, "first_secretary", "第一书记乙");
    const member = await cadreFixture("longquanyi", unitId, villageId, "team_member", "队员丙");
    const program = await createProgram("longquanyi", admin.token, {
      name: "第一书记生活补助",
      ruleKind: "per_month",
      ruleAmountFen: 50_000,
    });
    const batchId = await createBatch("longquanyi", admin.token, program.id, "2026-11");
    const gen = await post("longquanyi", admin.token, `/batches/${batchId}/generate`, { source: "first_secretaries" });
    expect(gen.status).toBe(200);
    const lines = await linesOf("longquanyi", admin.token, batchId);
    const byId = new Map(lines.map((l) => [l.recipientId, l]));
    expect(byId.get(fs1.cadreId)?.amountFen).toBe(50_000);
    expect(byId.get(fs2.cadreId)?.amountFen).toBe(50_000);
    expect(byId.has(member.cadreId)).toBe(false);
    // Generating again adds nobody twice.
    expect(
      await (
        await post("longquanyi", admin.token, `/batches/${batchId}/generate`, { source: "first_secretaries" })
      ).json(),
    ).toMatchObject({ added: 0 });
    // A whole year at once is twelve months.
    const yearly = await createBatch("longquanyi", admin.token, program.id, "2025");
    await post("longquanyi", admin.token, `/batches/${yearly}/generate`, { source: "first_secretaries" });
    expect(
      (await linesOf("longquanyi", admin.token, yearly)).find((l) => l.recipientId === fs1.cadreId)?.amountFen,
    ).toBe(600_000);
  });

  it("pays 100 元 per resident day from attendance and 80 元 a month for the phone (seed 001)", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageId, unitId } = await registryFixture("pingchuan");
    const a = await cadreFixture("pingchuan", unitId, villageId, "team_leader", "队长");
    const b = await cadreFixture("pingchuan", unitId, villageId, "team_member", "队员");
    await TENANT_DB.pingchuan!.prepare(
      // Confirmed days (by the township); reported days pay nothing (tests/money/resident-days.test.ts).
      "INSERT INTO attendance (assignment_id, month, days, status, confirmed_by, confirmed_at) VALUES (?, '2026-10', 22, 'confirmed', 1, unixepoch()), (?, '2026-10', 9, 'confirmed', 1, unixepoch())",
    )
      .bind(a.assignmentId, b.assignmentId)
      .run();
    const living = await createProgram("pingchuan", admin.token, {
      name: "驻村干部生活补助",
      ruleKind: "per_resident_day",
      ruleAmountFen: 10_000,
    });
    const batchId = await createBatch("pingchuan", admin.token, living.id, "2026-10");
    expect(
      (await post("pingchuan", admin.token, `/batches/${batchId}/generate`, { source: "attendance" })).status,
    ).toBe(200);
    const lines = await linesOf("pingchuan", admin.token, batchId);
    expect(lines.find((l) => l.recipientId === a.cadreId)).toMatchObject({ amountFen: 220_000, quantity: 22 });
    expect(lines.find((l) => l.recipientId === b.cadreId)).toMatchObject({ amountFen: 90_000, quantity: 9 });
    const phone = await createProgram("pingchuan", admin.token, {
      name: "驻村干部通讯补贴",
      ruleKind: "per_month",
      ruleAmountFen: 8_000,
    });
    const phoneBatch = await createBatch("pingchuan", admin.token, phone.id, "2026-10");
    await post("pingchuan", admin.token, `/batches/${phoneBatch}/generate`, { source: "resident_team" });
    expect(
      (await linesOf("pingchuan", admin.token, phoneBatch))
        .filter((l) => [a.cadreId, b.cadreId].includes(l.recipientId))
        .map((l) => l.amountFen),
    ).toEqual([8_000, 8_000]);
    const wrongSource = await post("pingchuan", admin.token, `/batches/${phoneBatch}/generate`, {
      source: "attendance",
    });
    expect(wrongSource.status).toBe(400);
  });

  it("adds 20 % for provincially honoured village cadres: 560 元 becomes 672 元 (seed 002)", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageId, unitId } = await registryFixture("dazhou");
    const honoured = await cadreFixture("dazhou", unitId, villageId, "team_member", "村支书");
    const plain = await cadreFixture("dazhou", unitId, villageId, "team_member", "村主任");
    const program = await createProgram("dazhou", admin.token, {
      name: "村干部基本报酬（正职）",
      category: "village_cadre_pay",
      ruleKind: "per_month",
      ruleAmountFen: 56_000,
      honourUpliftPct: 20,
    });
    const batchId = await createBatch("dazhou", admin.token, program.id, "2026-11");
    expect(
      (await addLine("dazhou", admin.token, batchId, { recipientId: honoured.cadreId, honoured: true })).status,
    ).toBe(201);
    expect((await addLine("dazhou", admin.token, batchId, { recipientId: plain.cadreId })).status).toBe(201);
    const lines = await linesOf("dazhou", admin.token, batchId);
    expect(lines.map((l) => l.amountFen).sort()).toEqual([56_000, 67_200]);
  });

  it("pays a one-off award at its fixed amount and refuses another amount (seed 002: 3000 元)", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageId, unitId } = await registryFixture("dazhou");
    const c = await cadreFixture("dazhou", unitId, villageId, "first_secretary", "优秀书记");
    const award = await createProgram("dazhou", admin.token, {
      name: "优秀第一书记奖励",
      category: "award",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 300_000,
    });
    const batchId = await createBatch("dazhou", admin.token, award.id, "2026");
    const wrong = await addLine("dazhou", admin.token, batchId, { recipientId: c.cadreId, amountFen: 500_000 });
    expect(wrong.status).toBe(400);
    expect((await problem(wrong)).errors?.[0]?.field).toBe("amountFen");
    expect((await addLine("dazhou", admin.token, batchId, { recipientId: c.cadreId })).status).toBe(201);
    expect((await linesOf("dazhou", admin.token, batchId))[0]?.amountFen).toBe(300_000);
  });
});

describe("nothing is paid twice", () => {
  it("refuses a recipient twice in one program and period, across batches", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId, unitId } = await registryFixture("longquanyi");
    const c = await cadreFixture("longquanyi", unitId, villageId, "first_secretary", "孙书记");
    const program = await createProgram("longquanyi", admin.token);
    const first = await createBatch("longquanyi", admin.token, program.id, "2026-09");
    const second = await createBatch("longquanyi", admin.token, program.id, "2026-09");
    expect((await addLine("longquanyi", admin.token, first, { recipientId: c.cadreId })).status).toBe(201);
    const dup = await addLine("longquanyi", admin.token, second, { recipientId: c.cadreId });
    expect(dup.status).toBe(409);
    expect((await problem(dup)).detail).toContain(`批次 #${first}`);
    expect((await addLine("longquanyi", admin.token, first, { recipientId: c.cadreId })).status).toBe(409);
    // Another month is another period.
    const october = await createBatch("longquanyi", admin.token, program.id, "2026-10");
    expect((await addLine("longquanyi", admin.token, october, { recipientId: c.cadreId })).status).toBe(201);
    // Cancelling the first batch frees the recipient.
    expect((await post("longquanyi", admin.token, `/batches/${first}/cancel`)).status).toBe(200);
    expect((await addLine("longquanyi", admin.token, second, { recipientId: c.cadreId })).status).toBe(201);
  });

  it("allows repeats only where the program says so", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId } = await registryFixture("longquanyi");
    const { householdFixture } = await import("../helpers/money-fixtures.ts");
    const hh = await householdFixture("longquanyi", villageId);
    const program = await createProgram("longquanyi", admin.token, {
      name: "临时救助",
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      allowRepeat: true,
    });
    const batchId = await createBatch("longquanyi", admin.token, program.id, "2026-11");
    expect(
      (await addLine("longquanyi", admin.token, batchId, { recipientId: hh, amountFen: 20_000, purpose: "医疗救助" }))
        .status,
    ).toBe(201);
    expect(
      (
        await addLine("longquanyi", admin.token, batchId, {
          recipientId: hh,
          amountFen: 30_000,
          purpose: "临时生活救助",
        })
      ).status,
    ).toBe(201);
  });

  it("creates nothing new when a request is retried with the same Idempotency-Key", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageId, unitId } = await registryFixture("pingchuan");
    const c = await cadreFixture("pingchuan", unitId, villageId, "first_secretary");
    const program = await createProgram("pingchuan", admin.token);
    const body = { programId: program.id, period: "2026-08" };
    const first = await api("pingchuan", "/batches", {
      token: admin.token,
      json: body,
      headers: { "Idempotency-Key": "batch-2026-08-retry" },
    });
    const retry = await api("pingchuan", "/batches", {
      token: admin.token,
      json: body,
      headers: { "Idempotency-Key": "batch-2026-08-retry" },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const batchId = ((await first.json()) as { id: number }).id;
    expect(((await retry.json()) as { id: number }).id).toBe(batchId);
    const line = { recipientId: c.cadreId };
    const l1 = await api("pingchuan", `/batches/${batchId}/lines`, {
      token: admin.token,
      json: line,
      headers: { "Idempotency-Key": "line-retry-0001" },
    });
    const l2 = await api("pingchuan", `/batches/${batchId}/lines`, {
      token: admin.token,
      json: line,
      headers: { "Idempotency-Key": "line-retry-0001" },
    });
    expect([l1.status, l2.status]).toEqual([201, 200]);
    const batch = (await (await api("pingchuan", `/batches/${batchId}`, { token: admin.token })).json()) as {
      lineCount: number;
      totalFen: number;
    };
    expect(batch).toMatchObject({ lineCount: 1, totalFen: 50_000 });
    const reused = await api("pingchuan", "/batches", {
      token: admin.token,
      json: { ...body, period: "2026-07" },
      headers: { "Idempotency-Key": "batch-2026-08-retry" },
    });
    expect(reused.status).toBe(409);
  });
});

describe("line input", () => {
  it("rejects fractional fen, missing amounts, unknown and other tenants' recipients", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const program = await createProgram("dazhou", admin.token, {
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
    });
    const batchId = await createBatch("dazhou", admin.token, program.id, "2026");
    expect(
      (await addLine("dazhou", admin.token, batchId, { recipientId: 1, amountFen: 10.5, purpose: "x" })).status,
    ).toBe(400);
    expect(
      (await addLine("dazhou", admin.token, batchId, { recipientId: 1, amountFen: "100", purpose: "x" })).status,
    ).toBe(400);
    const { villageId } = await registryFixture("longquanyi");
    const { householdFixture } = await import("../helpers/money-fixtures.ts");
    const foreign = await householdFixture("longquanyi", villageId);
    const res = await addLine("dazhou", admin.token, batchId, {
      recipientId: foreign + 100000,
      amountFen: 100,
      purpose: "x",
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe("recipientId");
    const bad = await api("dazhou", "/batches", {
      token: admin.token,
      json: { programId: program.id, period: "2026-13" },
    });
    expect(bad.status).toBe(400);
  });
});

describe("line snapshots", () => {
  it("record the village a cadre is resident in, so village pages show their allowances", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    // A few unrelated assignments first, so assignment ids and cadre ids do not line up by luck.
    for (let i = 0; i < 3; i++) {
      const r = await registryFixture("pingchuan");
      await cadreFixture("pingchuan", r.unitId, r.villageId, "team_member", `填充${i}`);
    }
    const { villageId, unitId } = await registryFixture("pingchuan");
    const c = await cadreFixture("pingchuan", unitId, villageId, "first_secretary", "驻村书记");
    const program = await createProgram("pingchuan", admin.token);
    const batchId = await createBatch("pingchuan", admin.token, program.id, "2026-06");
    const res = await addLine("pingchuan", admin.token, batchId, { recipientId: c.cadreId });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { villageId: number }).villageId).toBe(villageId);
  });
});
