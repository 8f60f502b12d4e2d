import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { assignment, cadre, household, township, unit, village } from "../helpers/fixtures.ts";

/**
 * Whole pictures on detail pages: each section of the household, village and unit pages shows
 * its records, inside the user's scope, and money only to roles that read money.
 */
const T = "longquanyi";
const db = () => TENANT_DB[T]!;
const run = (sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .bind(...args)
    .run();
const first = <R>(sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .bind(...args)
    .first<R>();

async function page(path: string, cookie: string) {
  const res = await call(`/t/${T}/admin${path}`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** A village with a team, a unit pairing, a paired household with a visit, a payment, a decision and its notice. */
async function scene() {
  const t = await township(T);
  const v = await village(T, t, ["poor"]);
  const u = await unit(T);
  const c = await cadre(T, u.id);
  await assignment(T, c.id, v.id, "first_secretary");
  await run(
    "INSERT INTO pairings (kind, helper_unit_id, village_id, start_date) VALUES ('unit_village', ?, ?, '2025-01-01')",
    u.id,
    v.id,
  );
  const h = await household(T, v.id);
  await run(
    "INSERT INTO pairings (kind, helper_cadre_id, household_id, start_date) VALUES ('cadre_household', ?, ?, '2025-02-01')",
    c.id,
    h.id,
  );
  const visitNote = uniqueName("走访说明");
  await run(
    "INSERT INTO visits (cadre_id, village_id, household_id, visit_date, occasion, notes) VALUES (?, ?, ?, '2026-03-05', 'festival', ?)",
    c.id,
    v.id,
    h.id,
    visitNote,
  );
  const programName = uniqueName("产业扶持");
  const program = await first<{ id: number }>(
    "INSERT INTO programs (name, category, fund_source, recipient_kind, rule_kind) VALUES (?, 'industry_support', 'county', 'household', 'per_line') RETURNING id",
    programName,
  );
  const batch = await first<{ id: number }>(
    "INSERT INTO batches (program_id, year, period, title, status, created_by) VALUES (?, 2026, '2026-03', ?, 'paid', 1) RETURNING id",
    program!.id,
    uniqueName("批次"),
  );
  await run(
    "INSERT INTO batch_lines (batch_id, program_id, period, recipient_kind, recipient_id, recipient_name, village_id, amount_fen, purpose, status, paid_date) VALUES (?, ?, '2026-03', 'household', ?, '户主', ?, 123456, '产业扶持', 'paid', '2026-03-20')",
    batch!.id,
    program!.id,
    h.id,
    v.id,
  );
  const reason = uniqueName("认定原因");
  const decision = await first<{ id: number }>(
    "INSERT INTO household_decisions (household_id, kind, to_status, reason, status, created_by) VALUES (?, 'exit', 'exited', ?, 'noticed', 1) RETURNING id",
    h.id,
    reason,
  );
  const noticeTitle = uniqueName("脱贫退出公示");
  await run(
    "INSERT INTO notices (kind, subject_id, title, start_date, end_date, content, content_hash) VALUES ('household_exit', ?, ?, '2026-03-01', '2026-03-07', '{}', 'x')",
    decision!.id,
    noticeTitle,
  );
  const projectName = uniqueName("道路硬化");
  await run(
    "INSERT INTO projects (village_id, name, fund_source, budget_fen) VALUES (?, ?, 'county', 500000)",
    v.id,
    projectName,
  );
  const decisionTitle = uniqueName("修建水池");
  await run(
    "INSERT INTO village_decisions (village_id, title, description, created_by) VALUES (?, ?, '说明', 1)",
    v.id,
    decisionTitle,
  );
  const publicText = uniqueName("公开的意见");
  await run(
    "INSERT INTO feedback (village_id, category, text, public_text, tracking_code) VALUES (?, 'suggestion', '原文', ?, ?)",
    v.id,
    publicText,
    uniqueName("FB"),
  );
  return { t, v, u, c, h, visitNote, programName, reason, noticeTitle, projectName, decisionTitle, publicText };
}

describe("household page: the whole picture", () => {
  it("shows the responsible cadre, visits, payments, decisions and notices to the county", async () => {
    const s = await scene();
    const admin = await signIn(T, "county_admin");
    const html = await page(`/households/${s.h.id}`, admin.cookie);
    expect(html).toContain('id="responsible"');
    expect(html).toContain(`<a href="/t/${T}/admin/cadres/${s.c.id}">${s.c.name}</a>`);
    expect(html).toContain(s.visitNote);
    expect(html).toContain("走访记录（共 1 次）");
    expect(html).toContain(s.programName);
    expect(html).toContain("¥1,234.56");
    expect(html).toContain(s.reason);
    expect(html).toContain("公示中");
    expect(html).toContain(s.noticeTitle);
  });

  it("tells a township officer that payments are not theirs to read, and is 404 outside the township", async () => {
    const s = await scene();
    const officer = await signIn(T, "township_officer", { townshipCode: s.t });
    const html = await page(`/households/${s.h.id}`, officer.cookie);
    expect(html).toContain(s.visitNote);
    expect(html).not.toContain(s.programName);
    expect(html).toContain("资金明细仅资金管理、财务和审计人员可见");
    const stranger = await signIn(T, "township_officer", { townshipCode: await township(T) });
    const res = await call(`/t/${T}/admin/households/${s.h.id}`, { headers: { Cookie: stranger.cookie } });
    expect(res.status).toBe(404);
  });
});

describe("village page: the whole picture", () => {
  it("shows team, pairings, households by status, money by program and year, projects, decisions, feedback, problems", async () => {
    const s = await scene();
    const auditor = await signIn(T, "auditor");
    const html = await page(`/villages/${s.v.code}`, auditor.cookie);
    expect(html).toContain(s.c.name);
    expect(html).toContain("第一书记");
    expect(html).toContain(s.u.name);
    expect(html).toContain("单位包村");
    expect(html).toContain('<title id="chart-village-households-title">本村农户按状态</title>');
    expect(html).toMatch(/<td>未脱贫<\/td>\s*<td class="num">1 户<\/td>/);
    expect(html).toMatch(
      new RegExp(
        `<td>2026</td><td><a href="[^"]+">${s.programName}</a></td><td class="num">1</td><td class="num">¥1,234.56</td>`,
      ),
    );
    expect(html).toContain(s.projectName);
    expect(html).toContain(s.decisionTitle);
    expect(html).toContain(s.publicText);
    expect(html).not.toContain("原文");
    expect(html).toContain("督查问题和整改尚未建立数据来源");
  });

  it("shows a cadre only the household pairings that are theirs", async () => {
    const s = await scene();
    const colleague = await cadre(T, s.u.id);
    await assignment(T, colleague.id, s.v.id);
    const own = await signIn(T, "cadre", { cadreId: colleague.id });
    const html = await page(`/villages/${s.v.code}`, own.cookie);
    expect(html).toContain(s.u.name);
    expect(html).not.toContain(`/households/${s.h.id}`);
    expect(html).toContain("农户（0 户）");
  });
});

describe("unit page: the whole picture", () => {
  it("shows its villages, cadres, an empty labelled letters section and money", async () => {
    const s = await scene();
    const finance = await signIn(T, "finance_officer");
    const html = await page(`/units/${s.u.id}`, finance.cookie);
    expect(html).toContain(`<a href="/t/${T}/admin/villages/${s.v.code}">`);
    expect(html).toContain("单位包村");
    expect(html).toContain("选派第一书记");
    expect(html).toContain(s.c.name);
    expect(html).toContain("目标责任书尚未建立数据来源");
    expect(html).toMatch(/<td>2026<\/td><td class="num">¥0\.00<\/td><td class="num">¥1,234\.56<\/td>/);
  });
});
