import type { ServiceContext } from "../domain/service-context.ts";
import { readPublicVersion } from "../domain/public-version.ts";
import { getPublicVillageTags } from "../settings/service.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { maskName } from "../lib/mask.ts";
import { todayInChina } from "../lib/dates.ts";
import { incomeBracket } from "../places/income-bracket.ts";
import { scrubPublicText } from "../lib/scrub.ts";
import type { DecisionStage } from "../../db/schema/tenant/disclosure.ts";
import { stagesOf } from "../village-decisions/service.ts";

/**
 * Read-only queries of the public site. Each page's queries go to D1 in one `batch` (one round
 * trip). Only published or public facts are read, and every person's name that is not a public
 * official's is masked here, before it reaches a template.
 */
type Row = Record<string, unknown>;

async function batch<T extends unknown[]>(ctx: ServiceContext, stmts: D1PreparedStatement[]): Promise<T> {
  const results = await ctx.d1.batch(stmts);
  return results.map((r) => r.results ?? []) as T;
}

const thisYear = () => Number(todayInChina().slice(0, 4));

/** A masked recipient: villages and projects shown by name, every kind of person (any other kind) masked. */
export function publicRecipient(kind: string, name: string): string {
  return kind === "village" || kind === "project" ? name : maskName(name);
}

// --- tenant home ---

export interface HomeData {
  year: number;
  figures: { villagesWithTeam: number; cadresResident: number; householdsHelped: number; paidFen: number };
  /** Townships with their number of villages; the villages themselves are on each township's page. */
  townships: { code: string; name: string; villageCount: number }[];
  /** Villages whose name contains the search text (only when searching), at most HOME_SEARCH_LIMIT. */
  found: { code: string; name: string; townshipName: string | null }[];
  notices: { id: number; title: string; endDate: string }[];
  q: string;
}

export const HOME_SEARCH_LIMIT = 50;

/**
 * The tenant home stays the same size however big the county is: figures come from indexes and
 * the trigger-kept `paid_totals`, villages are counted per township (listed on the township page),
 * and a search shows at most HOME_SEARCH_LIMIT villages.
 */
export async function homeData(ctx: ServiceContext, q: string): Promise<HomeData> {
  const d1 = ctx.d1;
  const year = thisYear();
  const today = todayInChina();
  const needle = q;
  const stmts = [
    d1
      .prepare(
        // Kept by triggers (0011, 0022): a few primary-key reads, however large the county.
        `SELECT (SELECT coalesce(max(n), 0) FROM public_figures WHERE key = 'villages_with_team') AS vt,
          (SELECT coalesce(max(n), 0) FROM public_figures WHERE key = 'cadres_resident') AS cr,
          (SELECT coalesce(max(n), 0) FROM public_figures WHERE key = 'households_helped') AS hh,
          (SELECT coalesce(max(n), 0) FROM public_figures WHERE key = 'paid_fen:' || ?) AS paid`,
      )
      .bind(String(year)),
    d1.prepare(
      "SELECT t.code, t.name, (SELECT coalesce(max(f.n), 0) FROM public_figures f WHERE f.key = 'villages:' || t.code) AS n FROM townships t ORDER BY t.code",
    ),
    d1
      .prepare(
        "SELECT id, title, end_date AS endDate FROM notices WHERE status = 'open' AND start_date <= ?1 AND end_date >= ?1 ORDER BY end_date, id LIMIT 30",
      )
      .bind(today),
  ];
  if (needle)
    stmts.push(
      d1
        .prepare(
          "SELECT v.code, v.name, t.name AS townshipName FROM villages v LEFT JOIN townships t ON t.code = v.township_code WHERE instr(v.name, ?) > 0 ORDER BY v.township_code, v.code LIMIT ?",
        )
        .bind(needle, HOME_SEARCH_LIMIT),
    );
  const [fig, towns, notes, found] = await batch<[Row[], Row[], Row[], Row[] | undefined]>(ctx, stmts);
  const f = fig[0] ?? {};
  return {
    year,
    q,
    figures: {
      villagesWithTeam: Number(f.vt ?? 0),
      cadresResident: Number(f.cr ?? 0),
      householdsHelped: Number(f.hh ?? 0),
      paidFen: Number(f.paid ?? 0),
    },
    townships: towns.map((t) => ({ code: t.code as string, name: t.name as string, villageCount: Number(t.n ?? 0) })),
    found: (found ?? []) as HomeData["found"],
    notices: notes as HomeData["notices"],
  };
}

// --- village page ---

export interface VillageHead {
  id: number;
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string | null;
  tags: string[];
}

export async function villageByCode(ctx: ServiceContext, code: string): Promise<VillageHead> {
  if (!/^\d{12}$/.test(code)) throw new AppError("not_found", "没有这个村（社区）");
  const row = await ctx.d1
    .prepare(
      "SELECT v.id, v.code, v.name, v.township_code AS townshipCode, t.name AS townshipName, v.tags FROM villages v LEFT JOIN townships t ON t.code = v.township_code WHERE v.code = ?",
    )
    .bind(code)
    .first<Row>();
  if (!row) throw new AppError("not_found", "没有这个村（社区）");
  // Only the tags the tenant made public (settings): stigmatising tags stay internal by default.
  const shown = new Set<string>(await getPublicVillageTags(ctx));
  const tags = (JSON.parse((row.tags as string) || "[]") as string[]).filter((t) => shown.has(t));
  return { ...(row as unknown as VillageHead), tags };
}

export interface TeamMember {
  name: string;
  role: string;
  unit: string;
  position: string | null;
  since: string;
  officePhone: string | null;
}
export interface Helper {
  kind: string;
  name: string;
  detail: string | null;
  since: string;
  villageCode: string | null;
}
export interface PaymentGroup {
  year: string;
  programId: number;
  program: string;
  fundSource: string;
  lines: number;
  recipients: number;
  totalFen: number;
}
export interface PaymentLine {
  period: string;
  program: string;
  recipient: string;
  amountFen: number;
  paidDate: string | null;
  purpose: string;
  reversed: boolean;
}
export interface ProjectView {
  id: number;
  name: string;
  description: string | null;
  fundSource: string;
  budgetFen: number;
  spentFen: number;
  status: string;
  startDate: string | null;
  endDate: string | null;
}
export interface StageView {
  stage: DecisionStage;
  date: string;
  attendees: number | null;
  eligible: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  summary: string;
  attachments: string[];
  ledgerSeq: number | null;
}
export interface DecisionView {
  id: number;
  title: string;
  description: string;
  amountFen: number | null;
  stage: DecisionStage;
  /** The meeting whose vote failed: the item ended there. */
  failedStage: DecisionStage | null;
  requiresTownshipReview: boolean;
  /** The stages this decision goes through, in order (乡镇审查 only where required). */
  stageOrder: DecisionStage[];
  stages: StageView[];
}
export interface FeedbackView {
  category: string;
  text: string;
  reply: string;
  answeredAt: number | null;
}
export interface NoticeRef {
  id: number;
  title: string;
  startDate: string;
  endDate: string;
  status: string;
  open: boolean;
}

export interface VillageData {
  village: VillageHead;
  year: number;
  team: TeamMember[];
  helpers: Helper[];
  notices: NoticeRef[];
  payments: PaymentGroup[];
  recentLines: PaymentLine[];
  projects: ProjectView[];
  decisions: DecisionView[];
  feedback: FeedbackView[];
  incomes: { year: number; incomeFen: number; bracket: string }[];
  /** 目标责任书 (newest term first, at most two) with their measures and progress (issue 11). */
  letters: PublicLetter[];
}

export interface PublicLetter {
  id: number;
  unit: string;
  termStartYear: number;
  termEndYear: number;
  termGoal: string;
  measures: {
    year: number;
    title: string;
    owner: string;
    dueDate: string;
    status: string;
    progress: string | null;
    overdue: boolean;
  }[];
}

const ROLE_ORDER = "CASE a.role WHEN 'first_secretary' THEN 0 WHEN 'team_leader' THEN 1 ELSE 2 END";

/** Everything the village page shows, in one D1 round trip after the village lookup. */
export async function villageData(
  ctx: ServiceContext,
  code: string,
  opts: { recentLines?: number } = {},
): Promise<VillageData> {
  const village = await villageByCode(ctx, code);
  const d1 = ctx.d1;
  const id = village.id;
  const today = todayInChina();
  const [team, helpers, notices, payments, recent, projects, decisions, stages, feedback, incomes, letters, measures] =
    await batch<Row[][]>(ctx, [
      d1
        .prepare(
          `SELECT cd.name, a.role, u.name AS unit, cd.position, a.start_date AS since, cd.office_phone AS officePhone FROM assignments a JOIN cadres cd ON cd.id = a.cadre_id JOIN units u ON u.id = cd.unit_id WHERE a.village_id = ? AND a.status = 'active' ORDER BY ${ROLE_ORDER}, a.start_date, a.id`,
        )
        .bind(id),
      d1
        .prepare(
          `SELECT p.kind, coalesce(u.name, cd.name, hv.name) AS name, CASE WHEN cd.id IS NOT NULL THEN cu.name ELSE NULL END AS detail, p.start_date AS since, hv.code AS villageCode
         FROM pairings p LEFT JOIN units u ON u.id = p.helper_unit_id LEFT JOIN cadres cd ON cd.id = p.helper_cadre_id LEFT JOIN units cu ON cu.id = cd.unit_id LEFT JOIN villages hv ON hv.id = p.helper_village_id
         WHERE p.village_id = ? AND p.status = 'active' AND p.kind <> 'cadre_household' ORDER BY p.kind, p.start_date, p.id`,
        )
        .bind(id),
      d1
        .prepare(
          `SELECT id, title, start_date AS startDate, end_date AS endDate, status, (status = 'open' AND start_date <= ?2 AND end_date >= ?2) AS open
         FROM notices WHERE id IN (SELECT notice_id FROM notice_villages WHERE village_id = ?1) ORDER BY open DESC, id DESC LIMIT 12`,
        )
        .bind(id, today),
      d1
        .prepare(
          // From the trigger-kept totals (0011): a few rows per village, however many lines it has.
          `SELECT t.year, p.id AS programId, p.name AS program, p.fund_source AS fundSource, t.lines,
          (SELECT count(*) FROM paid_recipients r WHERE r.village_id = t.village_id AND r.year = t.year AND r.program_id = t.program_id AND r.n > 0) AS recipients,
          t.fen AS totalFen
         FROM paid_totals t JOIN programs p ON p.id = t.program_id WHERE t.village_id = ? AND t.lines > 0
         ORDER BY t.year DESC, t.fen DESC`,
        )
        .bind(id),
      d1
        .prepare(
          `SELECT l.period, p.name AS program, l.recipient_kind AS kind, l.recipient_name AS name, l.amount_fen AS amountFen, l.paid_date AS paidDate, l.purpose,
          EXISTS (SELECT 1 FROM reversals rv WHERE rv.line_id = l.id) AS reversed
         FROM batch_lines l JOIN programs p ON p.id = l.program_id WHERE l.village_id = ? AND l.status = 'paid' ORDER BY l.paid_date DESC, l.id DESC LIMIT ?`,
        )
        .bind(id, opts.recentLines ?? 8),
      d1
        .prepare(
          "SELECT id, name, description, fund_source AS fundSource, budget_fen AS budgetFen, spent_fen AS spentFen, status, start_date AS startDate, end_date AS endDate FROM projects WHERE village_id = ? ORDER BY CASE status WHEN 'in_progress' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, id DESC",
        )
        .bind(id),
      d1
        .prepare(
          "SELECT id, title, description, amount_fen AS amountFen, stage, failed_stage AS failedStage, requires_township_review AS rtr FROM village_decisions WHERE village_id = ? ORDER BY id DESC LIMIT 20",
        )
        .bind(id),
      d1
        .prepare(
          `SELECT s.decision_id AS decisionId, s.stage, s.date, s.attendees, s.eligible, s.votes_for AS votesFor, s.votes_against AS votesAgainst, s.votes_abstain AS votesAbstain, s.summary, s.attachments, s.ledger_seq AS ledgerSeq
         FROM decision_stages s WHERE s.decision_id IN (SELECT id FROM village_decisions WHERE village_id = ? ORDER BY id DESC LIMIT 20) ORDER BY s.decision_id, s.id`,
        )
        .bind(id),
      d1
        .prepare(
          "SELECT category, public_text AS text, reply, answered_at AS answeredAt FROM feedback WHERE village_id = ? AND status = 'answered' AND reply_public = 1 ORDER BY answered_at DESC LIMIT 10",
        )
        .bind(id),
      d1
        .prepare(
          "SELECT year, income_fen AS incomeFen FROM village_incomes WHERE village_id = ? ORDER BY year DESC LIMIT 5",
        )
        .bind(id),
      d1
        .prepare(
          "SELECT l.id, u.name AS unit, l.term_start_year AS termStartYear, l.term_end_year AS termEndYear, l.term_goal AS termGoal FROM responsibility_letters l JOIN units u ON u.id = l.unit_id WHERE l.village_id = ? ORDER BY l.term_start_year DESC, l.id DESC LIMIT 2",
        )
        .bind(id),
      // Evidence stays internal: the page shows what was promised, by whom, by when, and how far it got.
      d1
        .prepare(
          "SELECT letter_id AS letterId, year, title, owner, due_date AS dueDate, status, progress FROM letter_measures WHERE letter_id IN (SELECT id FROM responsibility_letters WHERE village_id = ? ORDER BY term_start_year DESC, id DESC LIMIT 2) ORDER BY year, due_date, id",
        )
        .bind(id),
    ]);
  const stagesBy = new Map<number, StageView[]>();
  for (const s of stages!) {
    const list = stagesBy.get(s.decisionId as number) ?? [];
    list.push({
      ...(s as unknown as StageView),
      summary: scrubPublicText(s.summary as string),
      attachments: (JSON.parse((s.attachments as string) || "[]") as string[]).map(scrubPublicText),
    });
    stagesBy.set(s.decisionId as number, list);
  }
  return {
    village,
    year: thisYear(),
    team: team as unknown as TeamMember[],
    helpers: helpers as unknown as Helper[],
    notices: notices!.map((n) => ({ ...(n as unknown as NoticeRef), open: !!n.open })),
    payments: payments as unknown as PaymentGroup[],
    recentLines: recent!.map((l) => ({
      period: l.period as string,
      program: l.program as string,
      recipient: publicRecipient(l.kind as string, l.name as string),
      amountFen: l.amountFen as number,
      paidDate: l.paidDate as string | null,
      purpose: scrubPublicText(l.purpose as string),
      reversed: !!l.reversed,
    })),
    // Officers type these texts; the page and data.json are public, so they come out scrubbed.
    projects: (projects as unknown as ProjectView[]).map((p) => ({
      ...p,
      name: scrubPublicText(p.name),
      description: p.description == null ? null : scrubPublicText(p.description),
    })),
    decisions: decisions!.map((d) => ({
      id: d.id as number,
      title: scrubPublicText(d.title as string),
      description: scrubPublicText(d.description as string),
      amountFen: d.amountFen as number | null,
      stage: d.stage as DecisionStage,
      failedStage: (d.failedStage as DecisionStage | null) ?? null,
      requiresTownshipReview: !!d.rtr,
      stageOrder: stagesOf(!!d.rtr),
      stages: stagesBy.get(d.id as number) ?? [],
    })),
    feedback: feedback!.map((f) => ({
      category: f.category as string,
      text: f.text == null ? "（内容待审核）" : scrubPublicText(f.text as string),
      reply: scrubPublicText(f.reply as string),
      answeredAt: f.answeredAt as number | null,
    })),
    incomes: incomes!.map((i) => ({
      year: i.year as number,
      incomeFen: i.incomeFen as number,
      bracket: incomeBracket(i.incomeFen as number),
    })),
    letters: letters!.map((l) => ({
      id: l.id as number,
      unit: l.unit as string,
      termStartYear: l.termStartYear as number,
      termEndYear: l.termEndYear as number,
      termGoal: scrubPublicText(l.termGoal as string),
      measures: measures!
        .filter((m) => m.letterId === l.id)
        .map((m) => ({
          year: m.year as number,
          title: scrubPublicText(m.title as string),
          owner: scrubPublicText(m.owner as string),
          dueDate: m.dueDate as string,
          status: m.status as string,
          progress: m.progress == null ? null : scrubPublicText(m.progress as string),
          overdue: m.status !== "completed" && (m.dueDate as string) < today,
        })),
    })),
  };
}

// --- full payment list of a village (masked, paged) ---

export async function villagePayments(
  ctx: ServiceContext,
  villageId: number,
  f: { year?: string | undefined; programId?: number | undefined; page: number; size: number },
) {
  const where = ["l.village_id = ?", "l.status = 'paid'"];
  const args: (string | number)[] = [villageId];
  if (f.year) {
    where.push("substr(l.paid_date, 1, 4) = ?");
    args.push(f.year);
  }
  if (f.programId) {
    where.push("l.program_id = ?");
    args.push(f.programId);
  }
  const w = where.join(" AND ");
  const d1 = ctx.d1;
  const [rows, total] = await batch<[Row[], Row[]]>(ctx, [
    d1
      .prepare(
        `SELECT l.period, p.name AS program, l.recipient_kind AS kind, l.recipient_name AS name, l.amount_fen AS amountFen, l.paid_date AS paidDate, l.purpose,
          EXISTS (SELECT 1 FROM reversals rv WHERE rv.line_id = l.id) AS reversed, b.notice_id AS noticeId
         FROM batch_lines l JOIN programs p ON p.id = l.program_id JOIN batches b ON b.id = l.batch_id WHERE ${w} ORDER BY l.paid_date DESC, l.id DESC LIMIT ? OFFSET ?`,
      )
      .bind(...args, f.size, (f.page - 1) * f.size),
    d1
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM reversals rv WHERE rv.line_id = l.id) THEN 0 ELSE l.amount_fen END), 0) AS fen FROM batch_lines l WHERE ${w}`,
      )
      .bind(...args),
  ]);
  return {
    items: rows.map((l) => ({
      period: l.period as string,
      program: l.program as string,
      recipient: publicRecipient(l.kind as string, l.name as string),
      amountFen: l.amountFen as number,
      paidDate: l.paidDate as string | null,
      purpose: scrubPublicText(l.purpose as string),
      reversed: !!l.reversed,
      noticeId: l.noticeId as number | null,
    })),
    total: Number(total[0]?.n ?? 0),
    totalFen: Number(total[0]?.fen ?? 0),
    page: f.page,
    size: f.size,
  };
}

export async function allVillagePaymentLines(ctx: ServiceContext, villageId: number) {
  const rows = await ctx.d1
    .prepare(
      `SELECT l.id, l.period, p.name AS program, p.fund_source AS fundSource, l.recipient_kind AS kind, l.recipient_name AS name, l.amount_fen AS amountFen, l.paid_date AS paidDate, l.purpose,
        EXISTS (SELECT 1 FROM reversals rv WHERE rv.line_id = l.id) AS reversed, b.notice_id AS noticeId
       FROM batch_lines l JOIN programs p ON p.id = l.program_id JOIN batches b ON b.id = l.batch_id WHERE l.village_id = ? AND l.status = 'paid' ORDER BY l.paid_date, l.id`,
    )
    .bind(villageId)
    .all<Row>();
  return rows.results.map((l) => ({
    period: l.period as string,
    program: l.program as string,
    fundSource: l.fundSource as string,
    recipientKind: l.kind as string,
    recipient: publicRecipient(l.kind as string, l.name as string),
    amountFen: l.amountFen as number,
    paidDate: l.paidDate as string | null,
    purpose: scrubPublicText(l.purpose as string),
    reversed: !!l.reversed,
    noticeId: l.noticeId as number | null,
  }));
}

export async function townshipVillages(ctx: ServiceContext, code: string) {
  if (!/^\d{9}$/.test(code)) throw new AppError("not_found", "没有这个乡镇");
  const [t, v] = await batch<[Row[], Row[]]>(ctx, [
    ctx.d1.prepare("SELECT code, name FROM townships WHERE code = ?").bind(code),
    ctx.d1.prepare("SELECT code, name FROM villages WHERE township_code = ? ORDER BY code").bind(code),
  ]);
  if (!t[0]) throw new AppError("not_found", "没有这个乡镇");
  return { code, name: t[0].name as string, villages: v as { code: string; name: string }[] };
}

/** One page of villages in code order (a village's code starts with its township's: the unique index serves it). */
export async function villagesPage(ctx: ServiceContext, page: number, size: number) {
  const [rows, total] = await batch<[Row[], Row[]]>(ctx, [
    ctx.d1
      .prepare(
        "SELECT v.code, v.name, t.name AS township FROM villages v LEFT JOIN townships t ON t.code = v.township_code ORDER BY v.code LIMIT ? OFFSET ?",
      )
      .bind(size, (page - 1) * size),
    ctx.d1.prepare("SELECT count(*) AS n FROM villages"),
  ]);
  return {
    villages: rows as { code: string; name: string; township: string | null }[],
    total: Number(total[0]?.n ?? 0),
    page,
    size,
  };
}

export async function allVillagesBrief(ctx: ServiceContext) {
  const r = await ctx.d1
    .prepare(
      "SELECT v.code, v.name, t.name AS township FROM villages v LEFT JOIN townships t ON t.code = v.township_code ORDER BY v.township_code, v.code",
    )
    .all<{ code: string; name: string; township: string | null }>();
  return r.results;
}

// --- ledger page ---

export async function ledgerEntriesDesc(ctx: ServiceContext, page: number, size: number) {
  const d1 = ctx.d1;
  const [rows, head] = await batch<[Row[], Row[]]>(ctx, [
    d1
      .prepare(
        // Keyset, not OFFSET: seq has no gaps (trigger ledger_extends_head), so page p starts at
        // head − (p−1)·size and every page is one primary-key range read, however long the ledger.
        "SELECT seq, at, kind, ref, content_hash AS contentHash, prev_hash AS prevHash, hash FROM ledger_entries WHERE seq <= (SELECT coalesce(max(seq), 0) FROM ledger_entries) - ? ORDER BY seq DESC LIMIT ?",
      )
      .bind((page - 1) * size, size),
    d1.prepare("SELECT seq, hash, at FROM ledger_entries WHERE seq = (SELECT max(seq) FROM ledger_entries)"),
  ]);
  return {
    items: rows as {
      seq: number;
      at: number;
      kind: string;
      ref: string;
      contentHash: string;
      prevHash: string;
      hash: string;
    }[],
    head: (head[0] as { seq: number; hash: string; at: number } | undefined) ?? null,
    page,
    size,
  };
}

export interface PublicVersion {
  seq: number;
  token: string;
}

/**
 * The version of everything public pages show (see cache.ts): one primary-key read of the
 * `public_version` row, which triggers on every public table bump in the writer's own statement
 * (db/migrations/tenant/0011_public_scale.sql), plus today (a notice's period ends at midnight).
 * The isolate trusts the row it read for a second, and forgets it on its own writes
 * (domain/public-version.ts).
 */
export async function publicVersion(ctx: ServiceContext): Promise<PublicVersion> {
  const { n, seq } = await readPublicVersion(ctx.d1);
  return { seq, token: `${seq}-${n}-${todayInChina()}` };
}
