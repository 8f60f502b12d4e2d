import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { cadreFixture, createBatch, createProgram, post, registryFixture } from "../helpers/money-fixtures.ts";
import { commitImport, householdWithId, uploadCsv } from "./fixtures.ts";

interface Preview {
  id: number;
  rowCount: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  encoding: string;
}
const linesOf = async (tenant: string, token: string, batchId: number) =>
  (await (await api(tenant, `/batches/${batchId}/lines?size=200`, { token })).json()) as {
    total: number;
    items: { recipientId: number; amountFen: number; purpose: string; quantity: number | null }[];
  };

async function householdBatch(tenant: string) {
  const finance = await signIn(tenant, "finance_officer");
  const { villageId } = await registryFixture(tenant);
  const program = await createProgram(tenant, finance.token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
    category: "industry_support",
  });
  const batchId = await createBatch(tenant, finance.token, program.id, "2026");
  return { finance, villageId, program, batchId };
}

describe("batch lines from CSV", () => {
  it("reports every bad row (unknown ID, bad amount, duplicate in file, already in another batch) and writes nothing", async () => {
    const { finance, villageId, program, batchId } = await householdBatch("longquanyi");
    const a = await householdWithId("longquanyi", villageId, "张三明");
    const b = await householdWithId("longquanyi", villageId, "李四光");
    const c = await householdWithId("longquanyi", villageId, "王五");
    // c is already in another batch of the same program and period.
    const other = await createBatch("longquanyi", finance.token, program.id, "2026");
    expect(
      (
        await post("longquanyi", finance.token, `/batches/${other}/lines`, {
          recipientId: c.id,
          amountFen: 1000,
          purpose: "先发",
        })
      ).status,
    ).toBe(201);
    const csv = [
      "对象类型,身份证号,金额（元）,用途",
      `农户,${a.idNumber},3000,产业扶持`,
      `农户,${b.idNumber},12.345,产业扶持`,
      `农户,510112199001011235,100,产业扶持`,
      `农户,${a.idNumber},500,重复`,
      `农户,${c.idNumber},800,已在其他批次`,
    ].join("\n");
    const res = await uploadCsv("longquanyi", finance.token, `/batches/${batchId}/lines/import`, csv);
    expect(res.status, await res.clone().text()).toBe(201);
    const preview = (await res.json()) as Preview;
    expect(preview.rowCount).toBe(5);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "金额（元）" }),
        expect.objectContaining({ row: 4, column: "身份证号" }),
        expect.objectContaining({ row: 5, column: "身份证号", message: expect.stringContaining("第 2 行") }),
        expect.objectContaining({ row: 6, column: "身份证号", message: expect.stringContaining(`#${other}`) }),
      ]),
    );
    expect(preview.errorCount).toBe(4);
    const commit = await commitImport("longquanyi", finance.token, preview.id);
    expect(commit.status).toBe(400);
    expect((await problem(commit)).detail).toContain("未导入任何数据");
    expect((await linesOf("longquanyi", finance.token, batchId)).total).toBe(0);
  });

  it("imports a clean file at once (amounts by the program's rule), exactly once, and only into a draft", async () => {
    const finance = await signIn("pingchuan", "finance_officer");
    const { villageId, unitId } = await registryFixture("pingchuan");
    const x = await cadreFixture("pingchuan", unitId, villageId, "team_leader", "驻村甲");
    const y = await cadreFixture("pingchuan", unitId, villageId, "team_member", "驻村乙");
    const program = await createProgram("pingchuan", finance.token, {
      ruleKind: "per_resident_day",
      ruleAmountFen: 10_000,
      honourUpliftPct: 20,
    });
    // Per-day lines pay confirmed resident days only: the township confirmed these.
    await TENANT_DB.pingchuan!.prepare(
      "INSERT INTO attendance (assignment_id, month, days, status, confirmed_by, confirmed_at) VALUES (?, '2026-10', 22, 'confirmed', 1, unixepoch()), (?, '2026-10', 10, 'confirmed', 1, unixepoch())",
    )
      .bind(x.assignmentId, y.assignmentId)
      .run();
    const batchId = await createBatch("pingchuan", finance.token, program.id, "2026-10");
    const csv = `\ufeff干部编号,对象名称,天数/月数,是否享受上浮,用途\r\n${x.cadreId},驻村甲,22,否,\r\n${y.cadreId},驻村乙,10,是,生活补助\r\n`;
    const preview = (await (
      await uploadCsv("pingchuan", finance.token, `/batches/${batchId}/lines/import`, csv)
    ).json()) as Preview;
    expect(preview.errors).toEqual([]);
    const commit = await commitImport("pingchuan", finance.token, preview.id);
    expect(commit.status, await commit.clone().text()).toBe(200);
    expect(await commit.json()).toMatchObject({ inserted: 2 });
    const lines = await linesOf("pingchuan", finance.token, batchId);
    expect(lines.items.map((l) => [l.recipientId, l.amountFen, l.quantity])).toEqual([
      [x.cadreId, 220_000, 22],
      [y.cadreId, 120_000, 10],
    ]);
    const batch = (await (await api("pingchuan", `/batches/${batchId}`, { token: finance.token })).json()) as {
      totalFen: number;
      lineCount: number;
    };
    expect(batch).toMatchObject({ totalFen: 340_000, lineCount: 2 });
    expect((await commitImport("pingchuan", finance.token, preview.id)).status).toBe(409);
    // A name that does not match the number is caught (a shifted row in Excel).
    const wrong = (await (
      await uploadCsv(
        "pingchuan",
        finance.token,
        `/batches/${batchId}/lines/import`,
        `干部编号,对象名称,天数/月数\n${x.cadreId},驻村乙,3\n`,
      )
    ).json()) as Preview;
    expect(wrong.errors[0]).toMatchObject({ row: 2, column: "对象名称" });
    // Days typed for a cadre without a confirmed record are refused row by row.
    const z = await cadreFixture("pingchuan", unitId, villageId, "team_member", "驻村丙");
    const unconfirmed = (await (
      await uploadCsv(
        "pingchuan",
        finance.token,
        `/batches/${batchId}/lines/import`,
        `干部编号,天数/月数\n${z.cadreId},20\n`,
      )
    ).json()) as Preview;
    expect(unconfirmed.errors[0]).toMatchObject({ row: 2, column: "天数/月数" });
    expect(unconfirmed.errors[0]!.message).toContain("没有已确认的驻村天数记录");
    // Once noticed, a file is refused as a whole.
    expect((await post("pingchuan", finance.token, `/batches/${batchId}/submit`)).status).toBe(200);
    const late = await uploadCsv(
      "pingchuan",
      finance.token,
      `/batches/${batchId}/lines/import`,
      `干部编号,天数/月数\n${x.cadreId},3\n`,
    );
    expect(late.status).toBe(409);
  });

  it("refuses a commit when the batch left draft after the preview (guarded), writing nothing", async () => {
    const finance = await signIn("dazhou", "finance_officer");
    const { villageId, unitId } = await registryFixture("dazhou");
    const x = await cadreFixture("dazhou", unitId, villageId, "first_secretary", "书记甲");
    const y = await cadreFixture("dazhou", unitId, villageId, "team_member", "队员乙");
    const program = await createProgram("dazhou", finance.token, { ruleKind: "per_month", ruleAmountFen: 50_000 });
    const batchId = await createBatch("dazhou", finance.token, program.id, "2026-11");
    expect((await post("dazhou", finance.token, `/batches/${batchId}/lines`, { recipientId: y.cadreId })).status).toBe(
      201,
    );
    const preview = (await (
      await uploadCsv("dazhou", finance.token, `/batches/${batchId}/lines/import`, `干部编号\n${x.cadreId}\n`)
    ).json()) as Preview;
    expect(preview.errorCount).toBe(0);
    expect((await post("dazhou", finance.token, `/batches/${batchId}/submit`)).status).toBe(200);
    const commit = await commitImport("dazhou", finance.token, preview.id);
    expect(commit.status).toBe(409);
    expect((await linesOf("dazhou", finance.token, batchId)).total).toBe(1);
  });

  it("reads GB18030 files as Excel on Chinese Windows saves them", async () => {
    const { finance, villageId, batchId } = await householdBatch("dazhou");
    const a = await householdWithId("dazhou", villageId, "赵六");
    const text = `对象类型,身份证号,金额（元）,用途\r\n农户,${a.idNumber},1500,危房改造\r\n`;
    const bytes = gb18030(text);
    const preview = (await (
      await uploadCsv("dazhou", finance.token, `/batches/${batchId}/lines/import`, bytes)
    ).json()) as Preview;
    expect(preview.encoding).toBe("gb18030");
    expect(preview.errors).toEqual([]);
    expect((await commitImport("dazhou", finance.token, preview.id)).status).toBe(200);
    expect((await linesOf("dazhou", finance.token, batchId)).items[0]).toMatchObject({
      recipientId: a.id,
      amountFen: 150_000,
      purpose: "危房改造",
    });
  });

  it("keeps other roles and tenants out", async () => {
    const { batchId } = await householdBatch("longquanyi");
    const auditor = await signIn("longquanyi", "auditor");
    expect(
      (await uploadCsv("longquanyi", auditor.token, `/batches/${batchId}/lines/import`, "身份证号\n1\n")).status,
    ).toBe(403);
    const cadre = await signIn("longquanyi", "cadre");
    expect(
      (await uploadCsv("longquanyi", cadre.token, `/batches/${batchId}/lines/import`, "身份证号\n1\n")).status,
    ).toBe(403);
    const otherTenant = await signIn("pingchuan", "finance_officer");
    const maxId = batchId + 100_000;
    expect(
      (await uploadCsv("pingchuan", otherTenant.token, `/batches/${maxId}/lines/import`, "身份证号\n1\n")).status,
    ).toBe(404);
    // The generic import route cannot be used without a batch.
    expect(
      (
        await uploadCsv(
          "longquanyi",
          (
            await signIn("longquanyi", "county_admin")
          ).token,
          `/imports/batch_lines`,
          "身份证号\n1\n",
        )
      ).status,
    ).toBe(404);
  });
});

/** Encodes the characters this test uses as GB18030 (what Excel's "CSV" writes on Chinese Windows). */
function gb18030(text: string): Uint8Array {
  const table: Record<string, number[]> = {
    对: [0xb6, 0xd4],
    象: [0xcf, 0xf3],
    类: [0xc0, 0xe0],
    型: [0xd0, 0xcd],
    身: [0xc9, 0xed],
    份: [0xb7, 0xdd],
    证: [0xd6, 0xa4],
    号: [0xba, 0xc5],
    金: [0xbd, 0xf0],
    额: [0xb6, 0xee],
    "（": [0xa3, 0xa8],
    元: [0xd4, 0xaa],
    "）": [0xa3, 0xa9],
    用: [0xd3, 0xc3],
    途: [0xcd, 0xbe],
    农: [0xc5, 0xa9],
    户: [0xbb, 0xa7],
    危: [0xce, 0xa3],
    房: [0xb7, 0xbf],
    改: [0xb8, 0xc4],
    造: [0xd4, 0xec],
  };
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (table[ch]) out.push(...table[ch]!);
    else throw new Error(`no GB18030 bytes for ${ch}`);
  }
  return new Uint8Array(out);
}
