/**
 * Demo money (issue 4), built for the `publications` module: the tenant's programs and budgets,
 * batches in every state along one program's monthly timeline (closed, closed with a reversal,
 * closed with a rejected objection, paid with a failed line and its re-payment, approved,
 * cancelled, noticed with an open objection), a draft whose first notice was withdrawn after an
 * upheld objection, yearly batches, and household decisions with notices (one effective, open
 * ones). Budgets hold exactly what the lines imply (committed = approved + paid − failed −
 * reversed; paid = paid − reversed), claims exactly what workers/batches/lines.ts would hold.
 * Notices are built with workers/notices/publish.ts prepareNotice; ledger events mirror
 * workers/batches/lifecycle.ts, workers/objections/service.ts and workers/decisions/service.ts.
 */
import { eq } from "drizzle-orm";
import { households as householdsTable } from "../../schema/tenant/households.ts";
import { prepareNotice, type NoticeLine, type PreparedNotice } from "../../../workers/notices/publish.ts";
import type { PiiKeys } from "../../../workers/lib/pii-crypto.ts";
import { encryptContact as encryptObjectionContact } from "../../../workers/objections/service.ts";
import { maskName } from "../../../workers/lib/mask.ts";
import { formatFen } from "../../../web/components/format.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { DECISION_KIND_LABELS, MONITOR_KIND_LABELS } from "../../../web/i18n/zh-CN.ts";
import { intBetween, personName, pick, type Rng } from "../data/names.ts";
import type { DemoProgram } from "../data/types.ts";
import type { SeedContext } from "../core/types.ts";
import { addMonths, dayOf, sample, trackingCode, unixAt, type Item, type LedgerEvent, type Row } from "./lib.ts";
import { lineAmount } from "../../../workers/batches/amount.ts";
import { monthsInOffice } from "../../../workers/village-cadres/pay.ts";

export interface PubIds {
  programs: () => number;
  batches: () => number;
  batch_lines: () => number;
  reversals: () => number;
  notices: () => number;
  objections: () => number;
  household_decisions: () => number;
  household_status_events: () => number;
}

/** What the builders read from the registry (written by the `registry` module). */
export interface RegistryView {
  villages: { id: number; code: string; name: string; tags: string[]; townshipCode: string; income: number | null }[];
  households: {
    id: number;
    headName: string;
    villageId: number;
    status: string;
    monitorKind: string | null;
    paired: boolean;
  }[];
  /** active resident assignments */
  residents: { cadreId: number; name: string; villageId: number; role: string; startDate: string }[];
  attendance: { cadreId: number; name: string; villageId: number; month: string; days: number }[];
  /** party members (written by the `party-members` module): poor ones get the care fund, 致富先锋 the award */
  partyMembers: { id: number; name: string; villageId: number; poor: boolean; pioneer: boolean }[];
  /** the 村两委 roster (written by the `village-officials` module): village-cadre programs pay it by post */
  villageOfficials: {
    id: number;
    name: string;
    villageId: number;
    post: string;
    termStart: string;
    termEnd: string | null;
    honourLevel: string;
  }[];
  users: { admin: number; finance: number; township: number };
}

export interface MoneyOut {
  rows: Record<string, Row[]>;
  /** rows whose `ledger_seq` is the seq of an event (filled once the ledger is numbered) */
  noticeLedger: Map<Row, LedgerEvent>;
  updates: (ctx: SeedContext) => Item[];
  counts: Record<string, number>;
}

type Source =
  | "fs"
  | "team"
  | "attendance"
  | "households"
  | "villages_team"
  | "villages_all"
  | "villages_weak"
  | "party_poor"
  | "party_pioneers"
  | "village_officials";
interface Plan {
  chain: { program: number; source: Source };
  draft?: { program: number; source: Source; monthOffset: number };
  withdrawn: { program: number; source: Source; period: "month" | "year" };
  yearly: { program: number; source: Source; year: number; status: "closed" | "paid" }[];
  /** Village-cadre programs paid from the roster: last year's or a month two back paid, the latest in 公示. */
  payroll?: {
    program: number;
    period: "last_year" | "this_year" | "month_2" | "month_1";
    status: "paid" | "noticed";
  }[];
}

const PLANS: Record<string, Plan> = {
  longquanyi: {
    chain: { program: 0, source: "fs" },
    withdrawn: { program: 2, source: "households", period: "month" },
    yearly: [
      { program: 3, source: "households", year: 2025, status: "closed" },
      { program: 1, source: "villages_team", year: 2026, status: "paid" },
    ],
  },
  pingchuan: {
    chain: { program: 0, source: "attendance" },
    draft: { program: 1, source: "team", monthOffset: -1 },
    withdrawn: { program: 6, source: "households", period: "month" },
    yearly: [{ program: 4, source: "villages_all", year: 2025, status: "closed" }],
    // Seed 001: 村干部基本报酬 3 万元 and 组干部报酬 0.9 万元 a year.
    payroll: [
      { program: 2, period: "last_year", status: "paid" },
      { program: 2, period: "this_year", status: "noticed" },
      { program: 3, period: "last_year", status: "paid" },
      { program: 3, period: "this_year", status: "noticed" },
    ],
  },
  dazhou: {
    chain: { program: 7, source: "households" },
    withdrawn: { program: 7, source: "households", period: "month" },
    // The care fund pays 1,000 元 to every 贫困党员 a year (seed 004); the 致富先锋 award pays party members too.
    yearly: [
      { program: 6, source: "villages_weak", year: 2025, status: "closed" },
      { program: 0, source: "party_poor", year: 2025, status: "closed" },
      { program: 0, source: "party_poor", year: 2026, status: "paid" },
      { program: 5, source: "party_pioneers", year: 2025, status: "closed" },
    ],
    // Seed 002: 560 / 540 元/月 by post (+20 % for provincial honours) and 150 元/月 绩效补贴.
    payroll: [
      { program: 1, period: "month_2", status: "paid" },
      { program: 1, period: "month_1", status: "noticed" },
      { program: 2, period: "month_2", status: "paid" },
      { program: 2, period: "month_1", status: "noticed" },
      { program: 3, period: "month_2", status: "paid" },
    ],
  },
};

const HOUSEHOLD_PURPOSES = [
  "购买种苗、化肥",
  "发展养殖（购买种畜、饲料）",
  "购置小型农机",
  "果园提质改造",
  "发展庭院经济",
];
const FAIL_REASONS = ["银行退票：账户已销户", "银行退票：户名与账号不符"];

interface Recipient {
  kind: "household" | "cadre" | "village" | "party_member" | "village_official";
  id: number;
  name: string;
  villageId: number | null;
  amountFen: number;
  quantity: number | null;
  purpose: string;
  /** a village cadre with a provincial-or-higher honour (the program's uplift applies) */
  honoured?: boolean;
}

interface LineRow {
  id: number;
  recipient: Recipient;
  status: "pending" | "paid" | "failed";
  reversed?: boolean;
}

/** A notice row's snapshot columns as publishNotice writes them (inline, or "" + pieces). */
function storedNotice(p: PreparedNotice): Row {
  return {
    content: p.stored.content,
    content_hash: p.contentHash,
    chunk_count: p.stored.chunkCount,
    line_count: p.lineCount,
  };
}
function chunkRows(noticeId: number, p: PreparedNotice): Row[] {
  return p.stored.chunks.map((text, chunkNo) => ({ notice_id: noticeId, chunk_no: chunkNo, text }));
}

export async function buildMoney(
  ctx: SeedContext,
  rng: Rng,
  keys: PiiKeys,
  reg: RegistryView,
  ids: PubIds,
  events: LedgerEvent[],
  today: string,
): Promise<MoneyOut> {
  const data = ctx.tenant.data;
  const plan = PLANS[ctx.tenant.slug] ?? PLANS.longquanyi!;
  const thisMonth = today.slice(0, 7);
  const thisYear = Number(today.slice(0, 4));
  const villageName = new Map(reg.villages.map((v) => [v.id, v.name]));
  const rows: Record<string, Row[]> = {
    programs: [],
    budgets: [],
    batches: [],
    batch_lines: [],
    payment_claims: [],
    village_official_pay_rates: [],
    reversals: [],
    notices: [],
    notice_chunks: [],
    objections: [],
    household_decisions: [],
    household_status_events: [],
  };
  const noticeLedger = new Map<Row, LedgerEvent>();

  // ---------------------------------------------------------------- programs
  const programs = data.programs.map((p) => ({ ...p, id: ids.programs() }));
  for (const p of programs) {
    // Rates by post, as PUT /village-official-pay-rates/{programId} stores them.
    for (const [post, amountFen] of Object.entries(p.postRates ?? {}))
      rows.village_official_pay_rates!.push({ program_id: p.id, post, amount_fen: amountFen });
    rows.programs!.push({
      id: p.id,
      name: p.name,
      category: p.category,
      fund_source: p.fundSource,
      recipient_kind: p.recipientKind,
      rule_kind: p.rule.kind,
      rule_amount_fen: p.rule.kind === "per_line" ? null : (p.rule.amountFen ?? 0),
      honour_uplift_pct: p.rule.honourUpliftPercent ?? 0,
      notice_days: p.noticeDays,
      allow_repeat: p.allowRepeatPerPeriod,
      seed_ref: p.seedRef,
      notes: null,
    });
  }
  const budget = new Map<string, { committed: number; paid: number }>();
  const tally = (programId: number, year: number) => {
    const k = `${programId}:${year}`;
    let t = budget.get(k);
    if (!t) {
      t = { committed: 0, paid: 0 };
      budget.set(k, t);
    }
    return t;
  };

  // ---------------------------------------------------------------- recipients
  const needy = reg.households.filter((h) => h.status !== "exited");
  const recipients = (program: DemoProgram, source: Source, period: string): Recipient[] => {
    const months = period.length === 7 ? 1 : 12;
    const ruleAmount = program.rule.amountFen ?? 0;
    const amount = (qty: number | null): number => {
      switch (program.rule.kind) {
        case "per_line": {
          const typical = program.rule.typicalLineFen ?? 100_000;
          return Math.max(10_000, Math.round((typical * (0.5 + rng())) / 10_000) * 10_000);
        }
        case "fixed_per_recipient":
          return ruleAmount;
        case "per_month":
          return ruleAmount * (qty ?? months);
        case "per_resident_day":
          return ruleAmount * (qty ?? 0);
      }
    };
    const purpose = `${program.name}（${period.length === 7 ? `${Number(period.slice(5))}月` : `${period}年度`}）`;
    switch (source) {
      case "fs":
      case "team": {
        const end = period.length === 7 ? dayOf(period, 31) : `${period}-12-31`;
        return reg.residents
          .filter((r) => (source === "team" || r.role === "first_secretary") && r.startDate <= end)
          .map((r) => {
            const quantity = program.rule.kind === "per_month" ? months : null;
            return {
              kind: "cadre" as const,
              id: r.cadreId,
              name: r.name,
              villageId: r.villageId,
              amountFen: amount(quantity),
              quantity,
              purpose,
            };
          });
      }
      case "attendance": {
        const byCadre = new Map<number, Recipient>();
        for (const a of reg.attendance.filter((x) => x.month === period && x.days > 0)) {
          const r = byCadre.get(a.cadreId);
          if (r) r.quantity = Math.min(31, (r.quantity ?? 0) + a.days);
          else
            byCadre.set(a.cadreId, {
              kind: "cadre",
              id: a.cadreId,
              name: a.name,
              villageId: a.villageId,
              amountFen: 0,
              quantity: a.days,
              purpose: `${program.name}（${Number(period.slice(5))}月驻村 ${a.days} 天）`,
            });
        }
        return [...byCadre.values()].map((r) => ({
          ...r,
          amountFen: amount(r.quantity),
          purpose: `${program.name}（${Number(period.slice(5))}月驻村 ${r.quantity} 天）`,
        }));
      }
      case "households":
        return sample(rng, needy, intBetween(rng, 9, 14))
          .sort((a, b) => a.villageId - b.villageId || a.id - b.id)
          .map((h) => ({
            kind: "household" as const,
            id: h.id,
            name: h.headName,
            villageId: h.villageId,
            amountFen: amount(null),
            quantity: program.rule.kind === "per_month" ? months : null,
            purpose: program.rule.kind === "per_line" ? pick(rng, HOUSEHOLD_PURPOSES) : purpose,
          }));
      case "party_poor":
      case "party_pioneers":
        return reg.partyMembers
          .filter((m) => (source === "party_poor" ? m.poor : m.pioneer))
          .sort((a, b) => a.villageId - b.villageId || a.id - b.id)
          .map((m) => ({
            kind: "party_member" as const,
            id: m.id,
            name: m.name,
            villageId: m.villageId,
            amountFen: amount(null),
            quantity: null,
            purpose,
          }));
      case "village_officials": {
        // The rule of workers/village-cadres/pay.ts officialCandidates: in office during the period,
        // months in office for monthly rules, only the rated posts when the program rates posts.
        const [first, last] =
          period.length === 7 ? [`${period}-01`, `${period}-31`] : [`${period}-01-01`, `${period}-12-31`];
        const rates = program.postRates;
        return reg.villageOfficials
          .filter((o) => o.termStart <= last && (o.termEnd == null || o.termEnd >= first))
          .filter((o) => !rates || (rates as Record<string, number | undefined>)[o.post] !== undefined)
          .flatMap((o) => {
            const quantity =
              program.rule.kind === "per_month" ? monthsInOffice(period, o.termStart, o.termEnd) : undefined;
            if (quantity === 0) return [];
            const honoured = o.honourLevel === "provincial" || o.honourLevel === "national";
            const rule = {
              ruleKind: program.rule.kind,
              ruleAmountFen: (rates as Record<string, number | undefined> | undefined)?.[o.post] ?? ruleAmount,
              honourUpliftPct: program.rule.honourUpliftPercent ?? 0,
            };
            const priced = lineAmount(rule, period, { quantity, honoured });
            return [
              {
                kind: "village_official" as const,
                id: o.id,
                name: o.name,
                villageId: o.villageId,
                amountFen: priced.amountFen,
                quantity: priced.quantity,
                purpose: program.name,
                honoured,
              },
            ];
          });
      }
      case "villages_team":
      case "villages_all":
      case "villages_weak": {
        const withTeam = new Set(reg.residents.map((r) => r.villageId));
        return reg.villages
          .filter(
            (v) =>
              source === "villages_all" ||
              (source === "villages_team"
                ? withTeam.has(v.id)
                : v.tags.includes("no_collective_income") || (v.income ?? 0) < 1_000_000),
          )
          .map((v) => ({
            kind: "village" as const,
            id: v.id,
            name: v.name,
            villageId: v.id,
            amountFen: amount(null),
            quantity: program.rule.kind === "per_month" ? months : null,
            purpose,
          }));
      }
    }
  };

  // ---------------------------------------------------------------- batches
  const objectionRow = async (
    noticeId: number,
    lineNo: number | null,
    text: string,
    createdAt: number,
    answer?: { status: "upheld" | "rejected"; reply: string; at: number },
  ) => {
    const withName = rng() < 0.5;
    const objectionId = ids.objections();
    const row: Row = {
      id: objectionId,
      notice_id: noticeId,
      line_no: lineNo,
      tracking_code: trackingCode(rng),
      name: withName
        ? personName(rng, {
            region: ctx.tenant.slug === "pingchuan" ? "gansu" : "sichuan",
            birthYear: intBetween(rng, 1955, 1990),
          })
        : null,
      contact_enc:
        withName && rng() < 0.7
          ? await encryptObjectionContact(
              keys,
              objectionId,
              `13${intBetween(rng, 0, 9)}${String(intBetween(rng, 0, 99_999_999)).padStart(8, "0")}`,
            )
          : null,
      text,
      status: answer?.status ?? "open",
      reply: answer?.reply ?? null,
      answered_by: answer ? reg.users.admin : null,
      answered_at: answer?.at ?? null,
      created_at: createdAt,
    };
    rows.objections!.push(row);
    return row;
  };

  interface BatchSpec {
    program: DemoProgram & { id: number };
    period: string;
    status: "draft" | "noticed" | "approved" | "paid" | "closed" | "cancelled";
    recipients: Recipient[];
    title?: string;
    noticeStart?: string;
    createdOn?: string;
    fail?: number;
    reverse?: boolean;
    repays?: LineRow;
    objection?: "open" | "rejected";
    withdrawnHistory?: boolean;
  }

  const makeBatch = async (spec: BatchSpec): Promise<{ id: number; lines: LineRow[] }> => {
    const p = spec.program;
    const id = ids.batches();
    const title = spec.title ?? `${p.name} ${spec.period}`;
    const year = Number(spec.period.slice(0, 4));
    const noticed = spec.status !== "draft" && spec.status !== "cancelled";
    const start =
      spec.noticeStart ??
      dayOf(
        addMonths(spec.period.length === 7 ? spec.period : `${spec.period}-12`, spec.period.length === 7 ? 1 : -9),
        3,
      );
    const end = addDays(start, p.noticeDays - 1);
    const approvedOn = addDays(end, 1);
    const paidOn = addDays(end, 4);
    const closedOn = addDays(paidOn, 8);
    const paymentRef = `DF${paidOn.replace(/-/g, "")}${String(id).padStart(4, "0")}`;
    const lines: LineRow[] = spec.recipients.map((r) => ({
      id: ids.batch_lines(),
      recipient: r,
      status: spec.status === "paid" || spec.status === "closed" ? "paid" : "pending",
    }));
    const failures = sample(rng, lines.slice(1), spec.fail ?? 0);
    for (const l of failures) l.status = "failed";
    const totalFen = lines.reduce((s, l) => s + l.recipient.amountFen, 0);
    const createdOn = spec.createdOn ?? addDays(start, -2);
    const lineRows = lines.map((l) => ({
      id: l.id,
      batch_id: id,
      program_id: p.id,
      period: spec.period,
      recipient_kind: l.recipient.kind,
      recipient_id: l.recipient.id,
      recipient_name: l.recipient.name,
      village_id: l.recipient.villageId,
      amount_fen: l.recipient.amountFen,
      purpose: l.recipient.purpose,
      quantity: l.recipient.quantity,
      honoured: l.recipient.honoured ?? false,
      status: l.status,
      paid_date: l.status === "paid" ? paidOn : null,
      bank_ref: l.status === "paid" ? paymentRef : null,
      fail_reason: l.status === "failed" ? pick(rng, FAIL_REASONS) : null,
      repays_line_id: spec.repays && l.recipient.id === spec.repays.recipient.id ? spec.repays.id : null,
      created_at: unixAt(createdOn, 10),
    }));
    rows.batch_lines!.push(...lineRows);

    // notice (公示) and its ledger entry
    let noticeId: number | null = null;
    const noticeLines = (ls: Recipient[]): NoticeLine[] =>
      ls.map((r, i) => ({
        no: i + 1,
        recipient: maskName(r.name),
        village: r.villageId ? (villageName.get(r.villageId) ?? null) : null,
        amountFen: r.amountFen,
        purpose: r.purpose,
      }));
    const publish = async (ls: Recipient[], startDate: string, status: "open" | "closed" | "withdrawn") => {
      const villageIds = [...new Set(ls.map((r) => r.villageId).filter((v): v is number => v != null))];
      const total = ls.reduce((s, r) => s + r.amountFen, 0);
      const summary = {
        program: p.name,
        category: p.category,
        fundSource: p.fundSource,
        period: spec.period,
        lineCount: ls.length,
        totalFen: total,
        total: formatFen(total),
      };
      const noticeTitle = `${title} 发放名单公示`;
      const prepared = await prepareNotice(
        {
          kind: "batch",
          subjectId: id,
          title: noticeTitle,
          villageIds,
          noticeDays: p.noticeDays,
          summary,
          lines: noticeLines(ls),
        },
        startDate,
      );
      const nid = ids.notices();
      const ev: LedgerEvent = {
        at: unixAt(startDate, 9, intBetween(rng, 0, 50)),
        kind: "notice.published",
        ref: `batch:${id}`,
        villageIds,
        content: {
          kind: "batch",
          subjectId: id,
          title: noticeTitle,
          startDate: prepared.startDate,
          endDate: prepared.endDate,
          summary,
          lineCount: ls.length,
          noticeContentHash: prepared.contentHash,
        },
      };
      events.push(ev);
      const row: Row = {
        id: nid,
        kind: "batch",
        subject_id: id,
        title: noticeTitle,
        village_ids: villageIds,
        start_date: prepared.startDate,
        end_date: prepared.endDate,
        status,
        ...storedNotice(prepared),
        ledger_seq: null,
        created_at: ev.at,
      };
      rows.notices!.push(row);
      rows.notice_chunks!.push(...chunkRows(nid, prepared));
      noticeLedger.set(row, ev);
      return { id: nid, row, villageIds, prepared };
    };

    if (spec.withdrawnHistory) {
      // The first list had one more household; an objection about it was upheld, the notice withdrawn.
      const extra = sample(
        rng,
        needy.filter((h) => !spec.recipients.some((r) => r.id === h.id)),
        1,
      )[0]!;
      const first: Recipient[] = [...spec.recipients];
      first.splice(1, 0, {
        kind: "household",
        id: extra.id,
        name: extra.headName,
        villageId: extra.villageId,
        amountFen: spec.recipients[0]!.amountFen,
        quantity: null,
        purpose: spec.recipients[0]!.purpose,
      });
      const wStart = addDays(today, -12);
      const n = await publish(first, wStart, "withdrawn");
      const answeredAt = unixAt(addDays(wStart, 3), 16, 20);
      const reply =
        "经村委会入户核实，该户家庭成员在城区有稳定工作、已购商品房，不符合扶持条件，异议成立。已将该户从名单中删除，名单修改后重新公示。";
      const o = await objectionRow(
        n.id,
        2,
        "名单第2户家里有人在城里上班，还买了房，条件比我们好，不应该享受这笔扶持。",
        unixAt(addDays(wStart, 1), 20, 15),
        { status: "upheld", reply, at: answeredAt },
      );
      const ref = `batch:${id}`;
      events.push({
        at: answeredAt,
        kind: "objection.answered",
        ref,
        villageIds: n.villageIds,
        content: {
          noticeId: n.id,
          noticeContentHash: n.prepared.contentHash,
          lineNo: 2,
          trackingCode: o.tracking_code,
          decision: "upheld",
          reply,
          answeredDate: addDays(wStart, 3),
        },
      });
      events.push({
        at: answeredAt,
        kind: "notice.withdrawn",
        ref,
        villageIds: n.villageIds,
        content: {
          noticeId: n.id,
          noticeContentHash: n.prepared.contentHash,
          reason: "异议成立",
          trackingCode: o.tracking_code,
          reply,
          withdrawnDate: addDays(wStart, 3),
        },
      });
    }
    if (noticed) {
      const status = spec.status === "noticed" ? "open" : "closed";
      const n = await publish(spec.recipients, start, status);
      noticeId = n.id;
      if (spec.objection === "open") {
        await objectionRow(
          n.id,
          Math.min(2, lines.length),
          spec.recipients[0]!.kind === "cadre"
            ? "听说这位干部上个月有一半时间不在村里，补助是否应该全额发放？请核实驻村考勤。"
            : "这一户家里开了农家乐，收入不低，为什么还能拿扶持资金？请核实。",
          unixAt(addDays(today, -1), 19, 40),
        );
      }
      if (spec.objection === "rejected") {
        const answeredAt = unixAt(addDays(start, 4), 15, 10);
        const reply = "经核实，该笔发放符合政策标准，对象和金额均无误，异议不成立，特此答复。";
        const o = await objectionRow(
          n.id,
          1,
          "名单上的金额和标准对不上，是不是算错了？",
          unixAt(addDays(start, 2), 21, 5),
          { status: "rejected", reply, at: answeredAt },
        );
        events.push({
          at: answeredAt,
          kind: "objection.answered",
          ref: `batch:${id}`,
          villageIds: n.villageIds,
          content: {
            noticeId: n.id,
            noticeContentHash: n.prepared.contentHash,
            lineNo: 1,
            trackingCode: o.tracking_code,
            decision: "rejected",
            reply,
            answeredDate: addDays(start, 4),
          },
        });
      }
    }
    rows.batches!.push({
      id,
      program_id: p.id,
      year,
      period: spec.period,
      title,
      status: spec.status,
      total_fen: totalFen,
      line_count: lines.length,
      notice_id: noticeId,
      notice_start: noticed ? start : null,
      notice_end: noticed ? end : null,
      approved_at: ["approved", "paid", "closed"].includes(spec.status) ? unixAt(approvedOn, 10, 30) : null,
      approved_by: ["approved", "paid", "closed"].includes(spec.status) ? reg.users.admin : null,
      paid_date: spec.status === "paid" || spec.status === "closed" ? paidOn : null,
      payment_ref: spec.status === "paid" || spec.status === "closed" ? paymentRef : null,
      closed_at: spec.status === "closed" ? unixAt(closedOn, 11) : null,
      created_by: reg.users.finance,
      created_at: unixAt(createdOn, 10),
      updated_at: unixAt(
        spec.status === "closed"
          ? closedOn
          : spec.status === "paid"
            ? paidOn
            : spec.status === "approved"
              ? approvedOn
              : createdOn,
        11,
      ),
    });

    // 冲正 of one paid line (a closed batch): gives the amount back to the budget, frees the claim.
    if (spec.reverse) {
      const l = lines.find((x) => x.status === "paid")!;
      l.reversed = true;
      const on = addDays(closedOn, 12);
      const reason =
        l.recipient.kind === "cadre" ? "该干部当月已调离驻村岗位，误发，冲正收回" : "与同期其他项目重复享受，冲正收回";
      const at = unixAt(on, 15);
      rows.reversals!.push({
        id: ids.reversals(),
        line_id: l.id,
        amount_fen: l.recipient.amountFen,
        reason,
        created_by: reg.users.finance,
        created_at: at,
      });
      events.push({
        at,
        kind: "line.reversed",
        ref: `line:${l.id}`,
        villageIds: l.recipient.villageId ? [l.recipient.villageId] : [],
        content: {
          batchId: id,
          program: p.name,
          period: spec.period,
          lineId: l.id,
          recipient: maskName(l.recipient.name),
          amountFen: l.recipient.amountFen,
          reason,
        },
      });
    }

    // budgets and claims
    if (["approved", "paid", "closed"].includes(spec.status)) {
      const t = tally(p.id, year);
      for (const l of lines) {
        if (l.status === "failed") continue;
        if (!l.reversed) t.committed += l.recipient.amountFen;
        if (l.status === "paid" && !l.reversed) t.paid += l.recipient.amountFen;
      }
    }
    if (!p.allowRepeatPerPeriod && spec.status !== "cancelled") {
      for (const l of lines)
        if (l.status !== "failed" && !l.reversed)
          rows.payment_claims!.push({
            program_id: p.id,
            period: spec.period,
            recipient_kind: l.recipient.kind,
            recipient_id: l.recipient.id,
            line_id: l.id,
          });
    }
    return { id, lines };
  };

  // The main program's monthly timeline, oldest first.
  const chainProgram = programs[plan.chain.program]!;
  const monthly = (k: number) => addMonths(thisMonth, k);
  const chain = (k: number) => recipients(chainProgram, plan.chain.source, monthly(k));
  await makeBatch({ program: chainProgram, period: monthly(-6), status: "closed", recipients: chain(-6) });
  await makeBatch({
    program: chainProgram,
    period: monthly(-5),
    status: "closed",
    recipients: chain(-5),
    reverse: true,
  });
  await makeBatch({
    program: chainProgram,
    period: monthly(-4),
    status: "closed",
    recipients: chain(-4),
    objection: "rejected",
  });
  const paid = await makeBatch({
    program: chainProgram,
    period: monthly(-3),
    status: "paid",
    recipients: chain(-3),
    fail: 1,
  });
  const failed = paid.lines.find((l) => l.status === "failed")!;
  await makeBatch({
    program: chainProgram,
    period: monthly(-3),
    status: "paid",
    title: `${chainProgram.name} ${monthly(-3)} 补发`,
    recipients: [{ ...failed.recipient, purpose: `${failed.recipient.purpose}（银行退票后补发）` }],
    repays: failed,
    noticeStart: dayOf(monthly(-1), 12),
  });
  await makeBatch({ program: chainProgram, period: monthly(-2), status: "approved", recipients: chain(-2) });
  await makeBatch({
    program: chainProgram,
    period: monthly(-1),
    status: "cancelled",
    title: `${chainProgram.name} ${monthly(-1)}（录入有误，已作废）`,
    recipients: chain(-1).slice(0, 3),
    createdOn: addDays(today, -6),
  });
  await makeBatch({
    program: chainProgram,
    period: monthly(-1),
    status: "noticed",
    recipients: chain(-1),
    noticeStart: addDays(today, -3),
    createdOn: addDays(today, -4),
    objection: "open",
  });
  if (plan.draft) {
    const p = programs[plan.draft.program]!;
    await makeBatch({
      program: p,
      period: monthly(plan.draft.monthOffset),
      status: "draft",
      recipients: recipients(p, plan.draft.source, monthly(plan.draft.monthOffset)),
      createdOn: addDays(today, -2),
    });
  }
  {
    const p = programs[plan.withdrawn.program]!;
    const period = plan.withdrawn.period === "month" ? thisMonth : String(thisYear);
    await makeBatch({
      program: p,
      period,
      status: "draft",
      recipients: recipients(p, plan.withdrawn.source, period),
      createdOn: addDays(today, -14),
      withdrawnHistory: true,
    });
  }
  for (const y of plan.yearly) {
    const p = programs[y.program]!;
    const period = String(Math.min(y.year, thisYear));
    await makeBatch({
      program: p,
      period,
      status: y.status,
      recipients: recipients(p, y.source, period),
      noticeStart: y.status === "closed" ? `${period}-11-05` : dayOf(addMonths(thisMonth, -2), 6),
    });
  }

  for (const b of plan.payroll ?? []) {
    const p = programs[b.program]!;
    if (p.recipientKind !== "village_official")
      throw new Error(`${ctx.tenant.slug}: ${p.name} does not pay village cadres`);
    const period = {
      last_year: String(thisYear - 1),
      this_year: String(thisYear),
      month_2: monthly(-2),
      month_1: monthly(-1),
    }[b.period];
    await makeBatch({
      program: p,
      period,
      status: b.status,
      recipients: recipients(p, "village_officials", period),
      // A year's pay is published in November; the latest batch's 公示 is still open.
      noticeStart: b.status === "noticed" ? addDays(today, -2) : period.length === 4 ? `${period}-11-05` : undefined,
    });
  }

  // budgets: every year of the data plus any year a batch draws on
  for (const p of programs) {
    const years = new Set<number>(Object.keys(p.budgetFenByYear).map(Number));
    for (const k of budget.keys()) if (k.startsWith(`${p.id}:`)) years.add(Number(k.split(":")[1]));
    const known = Object.entries(p.budgetFenByYear).sort((a, b) => Number(a[0]) - Number(b[0]));
    for (const year of [...years].sort()) {
      const budgetFen = p.budgetFenByYear[year] ?? Number(known[known.length - 1]![1]);
      const t = budget.get(`${p.id}:${year}`) ?? { committed: 0, paid: 0 };
      if (t.committed > budgetFen)
        throw new Error(`${ctx.tenant.slug}: demo batches exceed the ${year} budget of ${p.name}`);
      rows.budgets!.push({
        program_id: p.id,
        year,
        budget_fen: budgetFen,
        committed_fen: t.committed,
        paid_fen: t.paid,
      });
    }
  }

  // ---------------------------------------------------------------- household decisions (建档立卡 / 脱贫退出 / 纳入监测)
  const decisionUpdates: { householdId: number; exitYear: number }[] = [];
  const decide = async (
    hh: RegistryView["households"][number],
    kind: "identification" | "exit" | "monitoring",
    toMonitorKind: "sudden_hardship" | null,
    reason: string,
    startDate: string,
    effective: boolean,
  ) => {
    const id = ids.household_decisions();
    const noticeKind =
      kind === "identification"
        ? "household_identification"
        : kind === "exit"
          ? "household_exit"
          : "household_monitoring";
    const toStatus = kind === "identification" ? "poor" : kind === "exit" ? "exited" : "monitored";
    const decisionLabel =
      kind === "monitoring"
        ? `${DECISION_KIND_LABELS.monitoring}（${MONITOR_KIND_LABELS[toMonitorKind!]}）`
        : DECISION_KIND_LABELS[kind];
    const village = villageName.get(hh.villageId)!;
    const title = `${village} ${maskName(hh.headName)}户 ${decisionLabel}公示`;
    const summary = {
      household: maskName(hh.headName),
      village,
      decision: kind,
      decisionLabel,
      toStatus,
      toMonitorKind,
      reason,
    };
    const prepared = await prepareNotice(
      {
        kind: noticeKind,
        subjectId: id,
        title,
        villageIds: [hh.villageId],
        noticeDays: 7,
        summary,
        lines: [{ no: 1, recipient: maskName(hh.headName), village, purpose: decisionLabel }],
      },
      startDate,
    );
    const nid = ids.notices();
    const ev: LedgerEvent = {
      at: unixAt(startDate, 9, 30),
      kind: "notice.published",
      ref: `${noticeKind}:${id}`,
      villageIds: [hh.villageId],
      content: {
        kind: noticeKind,
        subjectId: id,
        title,
        startDate: prepared.startDate,
        endDate: prepared.endDate,
        summary,
        lineCount: 1,
        noticeContentHash: prepared.contentHash,
      },
    };
    events.push(ev);
    const row: Row = {
      id: nid,
      kind: noticeKind,
      subject_id: id,
      title,
      village_ids: [hh.villageId],
      start_date: prepared.startDate,
      end_date: prepared.endDate,
      status: effective ? "closed" : "open",
      ...storedNotice(prepared),
      ledger_seq: null,
      created_at: ev.at,
    };
    rows.notices!.push(row);
    rows.notice_chunks!.push(...chunkRows(nid, prepared));
    noticeLedger.set(row, ev);
    const effectiveDate = addDays(prepared.endDate, 1);
    rows.household_decisions!.push({
      id,
      household_id: hh.id,
      kind,
      to_status: toStatus,
      to_monitor_kind: toMonitorKind,
      reason,
      status: effective ? "effective" : "noticed",
      notice_id: nid,
      decided_at: effective ? unixAt(effectiveDate, 10) : null,
      created_by: reg.users.admin,
      created_at: ev.at,
    });
    if (effective) {
      rows.household_status_events!.push({
        id: ids.household_status_events(),
        household_id: hh.id,
        from_status: hh.status,
        from_monitor_kind: hh.monitorKind,
        to_status: toStatus,
        to_monitor_kind: toMonitorKind,
        effective_date: effectiveDate,
        reason: `${DECISION_KIND_LABELS[kind]}：${reason}（公示 ${prepared.startDate} 至 ${prepared.endDate}，无异议）`,
        actor_id: reg.users.admin,
        actor_name: "admin",
        created_at: unixAt(effectiveDate, 10),
      });
      events.push({
        at: unixAt(effectiveDate, 10),
        kind: "decision.effective",
        ref: `${noticeKind}:${id}`,
        villageIds: [hh.villageId],
        content: {
          decisionId: id,
          noticeId: nid,
          household: maskName(hh.headName),
          village,
          decision: kind,
          toStatus,
          toMonitorKind,
          effectiveDate,
        },
      });
      if (kind === "exit") decisionUpdates.push({ householdId: hh.id, exitYear: Number(effectiveDate.slice(0, 4)) });
    }
  };
  const poorPaired = reg.households.filter((h) => h.status === "poor" && h.paired);
  const marginal = reg.households.filter((h) => h.status === "monitored" && h.monitorKind === "marginal");
  const exited = reg.households.filter((h) => h.status === "exited");
  if (poorPaired.length)
    await decide(
      poorPaired[Math.floor(poorPaired.length / 3)]!,
      "exit",
      null,
      `${thisYear}年家庭人均纯收入稳定超过标准，“两不愁三保障”和饮水安全有保障，经村民代表评议同意退出`,
      addDays(today, -40),
      true,
    );
  if (marginal.length)
    await decide(
      marginal[0]!,
      "identification",
      null,
      "家庭主要劳动力突发重病，医疗支出大、收入骤减，经入户核查和民主评议，拟识别为贫困户",
      addDays(today, -2),
      false,
    );
  if (exited.length)
    await decide(
      exited[Math.floor(exited.length / 2)]!,
      "monitoring",
      "sudden_hardship",
      "房屋遭受暴雨损毁，家庭生活出现严重困难，拟纳入防返贫监测",
      addDays(today, -1),
      false,
    );

  const counts: Record<string, number> = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]));
  return {
    rows,
    noticeLedger,
    counts,
    updates: (c) =>
      decisionUpdates.map((u) =>
        c.db
          .update(householdsTable)
          .set({ status: "exited", monitorKind: null, exitYear: u.exitYear })
          .where(eq(householdsTable.id, u.householdId)),
      ),
  };
}
