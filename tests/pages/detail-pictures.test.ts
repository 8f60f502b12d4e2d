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

/**
 * Supervision around the scene's village: the unit's 目标责任书 with two measures (one done), an
 * overdue problem of the village's resident team with a 通报 grounded on it, a problem of another
 * cadre posted there, and a problem of another village (never shown here).
 */
async function supervision(s: Awaited<ReturnType<typeof scene>>) {
  const letter = await first<{ id: number }>(
    "INSERT INTO responsibility_letters (unit_id, village_id, term_start_year, term_end_year, signed_date, term_goal, created_by) VALUES (?, ?, 2025, 2027, '2025-03-01', '三年目标', 1) RETURNING id",
    s.u.id,
    s.v.id,
  );
  await run(
    "INSERT INTO letter_measures (letter_id, year, title, owner, due_date, status, evidence, completed_date) VALUES (?, 2025, '修路', '第一书记', '2025-12-31', 'completed', '验收单', '2025-11-30'), (?, 2026, '建厂', '第一书记', '2026-12-31', 'planned', NULL, NULL)",
    letter!.id,
    letter!.id,
  );
  const inspect = async (kind: string, key: string, villageId: number, cadreId: number | null, township: string) =>
    (await first<{ id: number }>(
      "INSERT INTO inspections (kind, date, target_kind, target_key, target_village_id, target_cadre_id, township_code, findings, created_by) VALUES ('on_site', '2026-02-01', ?, ?, ?, ?, ?, '发现问题', 1) RETURNING id",
      kind,
      key,
      villageId,
      cadreId,
      township,
    ))!.id;
  const problem = async (inspectionId: number, description: string, status: string) =>
    (await first<{ id: number }>(
      "INSERT INTO inspection_problems (inspection_id, description, deadline, status) VALUES (?, ?, '2026-02-15', ?) RETURNING id",
      inspectionId,
      description,
      status,
    ))!.id;
  const teamInspection = await inspect("team", `team:${s.v.id}`, s.v.id, null, s.t);
  const teamProblem = uniqueName("驻村台账不全");
  const teamProblemId = await problem(teamInspection, teamProblem, "confirmed");
  await run(
    "INSERT INTO escalations (target_kind, target_key, target_village_id, township_code, period, step, problem_id, date, record, created_by) VALUES ('team', ?, ?, ?, 2026, 'notice', ?, '2026-02-20', '通报', 1)",
    `team:${s.v.id}`,
    s.v.id,
    s.t,
    teamProblemId,
  );
  const other = await cadre(T, s.u.id);
  const cadreProblem = uniqueName("脱岗");
  await problem(await inspect("cadre", `cadre:${other.id}`, s.v.id, other.id, s.t), cadreProblem, "open");
  const elsewhere = await village(T, s.t);
  const elsewhereProblem = uniqueName("别村问题");
  await problem(await inspect("village", `village:${elsewhere.id}`, elsewhere.id, null, s.t), elsewhereProblem, "open");
  return { letterId: letter!.id, teamInspection, teamProblem, cadreProblem, elsewhereProblem };
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
        `<td[^>]*>2026</td><td[^>]*><a href="[^"]+">${s.programName}</a></td><td class="num"[^>]*>1</td><td class="num"[^>]*>¥1,234.56</td>`,
      ),
    );
    expect(html).toContain(s.projectName);
    expect(html).toContain(s.decisionTitle);
    expect(html).toContain(s.publicText);
    expect(html).not.toContain("原文");
    expect(html).toContain("本村（含驻村工作队、驻村干部）尚无督查问题");
  });

  it("lists the problems of the village, its team and its cadres with the 通报 on them, inside the user's scope", async () => {
    const s = await scene();
    const sv = await supervision(s);
    const auditor = await signIn(T, "auditor");
    const html = await page(`/villages/${s.v.code}`, auditor.cookie);
    expect(html).toContain(`<a href="/t/${T}/admin/inspections/${sv.teamInspection}">${sv.teamProblem}</a>`);
    expect(html).toContain("已确认待整改");
    expect(html).toContain('<span class="badge err">已逾期</span>');
    expect(html).toContain(sv.cadreProblem);
    expect(html).not.toContain(sv.elsewhereProblem);
    expect(html).toMatch(
      /<td[^>]*><span class="nowrap">2026-02-20<\/span><\/td><td[^>]*>驻村工作队<\/td><td[^>]*><a href="[^"]+">通报<\/a><\/td>/,
    );

    // A cadre of the team sees the team's problems, not a colleague's own.
    const own = await signIn(T, "cadre", { cadreId: s.c.id });
    const mine = await page(`/villages/${s.v.code}`, own.cookie);
    expect(mine).toContain(sv.teamProblem);
    expect(mine).not.toContain(sv.cadreProblem);

    // Finance does not read supervision records: the section says so.
    const finance = await signIn(T, "finance_officer");
    const money = await page(`/villages/${s.v.code}`, finance.cookie);
    expect(money).not.toContain(sv.teamProblem);
    expect(money).toContain("督查问题仅督查、考核人员和本村驻村干部可见");
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
  it("shows its 目标责任书 with measures done, and only inside the reader's village scope", async () => {
    const s = await scene();
    const sv = await supervision(s);
    const admin = await signIn(T, "county_admin");
    const html = await page(`/units/${s.u.id}`, admin.cookie);
    const { name } = (await first<{ name: string }>("SELECT name FROM villages WHERE id = ?", s.v.id))!;
    expect(html).toContain(`<a href="/t/${T}/admin/letters/${sv.letterId}">${name}</a>`);
    expect(html).toContain("2025–2027 年");
    expect(html).toContain('<td class="num" data-label="措施完成">1 / 2</td>');
    const officer = await signIn(T, "township_officer", { townshipCode: s.t });
    expect(await page(`/units/${s.u.id}`, officer.cookie)).toContain(`/letters/${sv.letterId}`);
    const stranger = await signIn(T, "township_officer", { townshipCode: await township(T) });
    const elsewhere = await page(`/units/${s.u.id}`, stranger.cookie);
    expect(elsewhere).not.toContain(`/letters/${sv.letterId}`);
    expect(elsewhere).toContain("本单位尚未登记目标责任书");
  });

  it("shows its villages, cadres, letters (to supervision roles only) and money", async () => {
    const s = await scene();
    const finance = await signIn(T, "finance_officer");
    const html = await page(`/units/${s.u.id}`, finance.cookie);
    expect(html).toContain(`<a href="/t/${T}/admin/villages/${s.v.code}">`);
    expect(html).toContain("单位包村");
    expect(html).toContain("选派第一书记");
    expect(html).toContain(s.c.name);
    expect(html).toContain("目标责任书仅督查、考核人员可见");
    expect(html).toMatch(/<td[^>]*>2026<\/td><td class="num"[^>]*>¥0\.00<\/td><td class="num"[^>]*>¥1,234\.56<\/td>/);
  });
});
