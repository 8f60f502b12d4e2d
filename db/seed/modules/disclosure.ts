/**
 * Demo disclosure data (issue 5), built for the `publications` module: village projects and
 * their funds, 四议两公开 decisions in every stage (with meeting dates, attendance, votes and
 * attachment descriptions; the two 公开 stages also on the ledger, exactly as
 * workers/village-decisions/service.ts recordStage publishes them) and villagers' feedback,
 * answered (publicly or not) and open.
 */
import type { DecisionStage } from "../../schema/tenant/disclosure.ts";
import type { PiiKeys } from "../../../workers/lib/pii-crypto.ts";
import { encryptContact as encryptFeedbackContact } from "../../../workers/feedback/service.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { intBetween, pick, type Rng } from "../data/names.ts";
import type { SeedContext } from "../core/types.ts";
import type { RegistryView } from "./money.ts";
import { dateBetween, mobile, sample, trackingCode, unixAt, type LedgerEvent, type Row } from "./lib.ts";

export interface DisclosureIds {
  projects: () => number;
  village_decisions: () => number;
  decision_stages: () => number;
  feedback: () => number;
}

export interface DisclosureOut {
  rows: Record<string, Row[]>;
  stageLedger: Map<Row, LedgerEvent>;
  counts: Record<string, number>;
}

const FUND_SOURCES = ["central", "provincial", "city", "county", "unit", "donation"] as const;

interface ProjectIdea {
  name: (industry: string) => string;
  description: (industry: string) => string;
  minWan: number;
  maxWan: number;
}
const PROJECTS: ProjectIdea[] = [
  {
    name: (i) => `${short(i)}产业基地提升项目`,
    description: (i) => `新建${short(i)}标准化基地，配套灌溉管网和生产便道，村集体占股、农户务工和入股分红`,
    minWan: 20,
    maxWan: 80,
  },
  {
    name: () => "村道硬化及入户便道建设",
    description: () => "硬化村组道路，新建入户便道，解决群众雨天出行难",
    minWan: 30,
    maxWan: 120,
  },
  {
    name: () => "农村人居环境整治（改厕、污水处理）",
    description: () => "实施户厕改造和生活污水集中处理，配套垃圾分类收集点",
    minWan: 15,
    maxWan: 60,
  },
  {
    name: () => "村级光伏电站",
    description: () => "建设村级光伏电站，收益纳入村集体经济，设置公益性岗位",
    minWan: 40,
    maxWan: 100,
  },
  {
    name: (i) => `${short(i)}冷链仓储和电商服务站`,
    description: (i) => `建设冷藏库和电商服务站，帮助${short(i)}错峰销售`,
    minWan: 25,
    maxWan: 70,
  },
  {
    name: () => "党群服务中心（村级活动阵地）修缮",
    description: () => "修缮村党群服务中心，完善便民服务和村务公开栏",
    minWan: 10,
    maxWan: 35,
  },
];

function short(industry: string): string {
  return industry.split(/[、（(，]/)[0]!.trim() || "特色产业";
}

const ATTACHMENTS: Record<DecisionStage, string[]> = {
  proposed: ["村党组织会议记录", "项目初步方案"],
  discussed: ["村“两委”联席会议记录", "签到表"],
  reviewed: ["党员大会会议记录", "签到表", "表决票统计表"],
  resolved: ["村民代表会议决议", "签到表", "表决票统计表"],
  township_reviewed: ["镇党委审查意见"],
  resolution_published: ["决议公开照片（村务公开栏）"],
  result_published: ["实施结果公开照片", "资金使用明细表", "验收报告"],
};

function stageSummary(stage: DecisionStage, title: string, amountFen: number | null, township: string): string {
  // 万元 with one decimal, in integer arithmetic (amounts are fen).
  const tenths = amountFen ? Math.round(amountFen / 100_000) : 0;
  const amount = amountFen ? `，预算${Math.floor(tenths / 10)}${tenths % 10 ? `.${tenths % 10}` : ""}万元` : "";
  switch (stage) {
    case "proposed":
      return `村党组织在广泛征求意见基础上，提议实施“${title}”${amount}`;
    case "discussed":
      return "村“两委”联席会议商议，原则同意，细化实施方案和资金安排";
    case "reviewed":
      return "党员大会审议，同意提交村民代表会议决议";
    case "resolved":
      return "村民代表会议表决通过";
    case "township_reviewed":
      return `${township}党委、政府审查，符合政策和程序规定，同意实施`;
    case "resolution_published":
      return `决议内容在村务公开栏和本平台公开7天，接受群众监督${amount}`;
    case "result_published":
      return "项目已实施完成并通过验收，资金使用情况和实施结果予以公开";
  }
}

const FEEDBACK: {
  category: "suggestion" | "complaint" | "report" | "inquiry";
  text: string;
  reply: string | null;
  replyPublic?: boolean;
}[] = [
  {
    category: "inquiry",
    text: "今年的产业奖补什么时候发放？需要带什么材料到村委会？",
    reply: "产业奖补经公示无异议后，于下月中旬前打卡发放。请带身份证和“一卡通”存折到村便民服务室登记。",
  },
  {
    category: "suggestion",
    text: "建议在村口到学校的路边装几盏路灯，晚上老人孩子出行不方便。",
    reply: "已纳入今年人居环境整治项目，路灯将于下月安装，感谢您的建议。",
  },
  {
    category: "complaint",
    text: "村里垃圾收集点好几天没有清运，气味很大。",
    reply: "已联系保洁公司，收集点改为每天清运一次，驻村工作队会定期检查。",
  },
  {
    category: "report",
    text: "反映有人在低保评定中优亲厚友，请上级核查。",
    reply: "已转镇纪委核查处理，处理结果将依规告知反映人。",
    replyPublic: false,
  },
  { category: "inquiry", text: "孩子上大学，能不能申请“雨露计划”补助？", reply: null },
  { category: "suggestion", text: "希望村里组织一次电商直播培训，帮我们卖土特产。", reply: null },
];

export async function buildDisclosure(
  ctx: SeedContext,
  rng: Rng,
  keys: PiiKeys,
  reg: RegistryView,
  ids: DisclosureIds,
  events: LedgerEvent[],
  today: string,
): Promise<DisclosureOut> {
  const data = ctx.tenant.data;
  const rows: Record<string, Row[]> = { projects: [], village_decisions: [], decision_stages: [], feedback: [] };
  const stageLedger = new Map<Row, LedgerEvent>();
  const byCode = new Map(reg.villages.map((v) => [v.code, v]));
  const townshipName = new Map(data.townships.map((t) => [t.code, t.name]));

  // ---------------------------------------------------------------- projects
  const projectsOf = new Map<number, { id: number; name: string; budgetFen: number; description: string }[]>();
  for (const v of data.villages) {
    const village = byCode.get(v.code);
    if (!village) continue;
    const n = v.tags.includes("poor") || v.tags.includes("model") ? intBetween(rng, 1, 3) : intBetween(rng, 0, 1);
    const ideas = sample(rng, PROJECTS, n);
    for (const idea of ideas) {
      const status = pick(rng, ["completed", "completed", "in_progress", "planned"] as const);
      const budgetFen = intBetween(rng, idea.minWan, idea.maxWan) * 1_000_000;
      const start =
        status === "planned"
          ? null
          : dateBetween(rng, "2024-03-01", status === "completed" ? "2025-06-30" : "2026-06-30");
      const end = status === "completed" && start ? addDays(start, intBetween(rng, 90, 240)) : null;
      const spent =
        status === "completed"
          ? Math.round((budgetFen * (0.9 + rng() * 0.1)) / 100) * 100
          : status === "in_progress"
            ? Math.round((budgetFen * (0.3 + rng() * 0.4)) / 100) * 100
            : 0;
      const p = {
        id: ids.projects(),
        name: idea.name(v.industry ?? "特色产业"),
        budgetFen,
        description: idea.description(v.industry ?? "特色产业"),
      };
      rows.projects!.push({
        id: p.id,
        village_id: village.id,
        name: p.name,
        description: p.description,
        fund_source: pick(rng, FUND_SOURCES),
        budget_fen: budgetFen,
        spent_fen: spent,
        status,
        start_date: start,
        end_date: end,
      });
      projectsOf.set(village.id, [...(projectsOf.get(village.id) ?? []), p]);
    }
  }

  // ---------------------------------------------------------------- 四议两公开 decisions, one or more in every stage
  const targets: DecisionStage[] = [
    "proposed",
    "discussed",
    "reviewed",
    "resolved",
    "township_reviewed",
    "resolution_published",
    "result_published",
    "result_published",
    "resolution_published",
    "result_published",
  ];
  const candidates = sample(
    rng,
    reg.villages.filter((v) => projectsOf.has(v.id)),
    targets.length,
  );
  for (const [i, village] of candidates.entries()) {
    const target = targets[i]!;
    const project = pick(rng, projectsOf.get(village.id)!);
    const requiresTownshipReview = target === "township_reviewed" || project.budgetFen >= 50_000_000 || rng() < 0.3;
    const order: DecisionStage[] = [
      "proposed",
      "discussed",
      "reviewed",
      "resolved",
      ...(requiresTownshipReview ? (["township_reviewed"] as const) : []),
      "resolution_published",
      "result_published",
    ];
    const reached = order.slice(0, order.indexOf(target) + 1);
    // Later stages take longer; the last one recorded a few days ago.
    const gaps = reached.map((s) => (s === "result_published" ? intBetween(rng, 60, 120) : intBetween(rng, 4, 12)));
    let date = addDays(today, -(gaps.reduce((a, b) => a + b, 0) + intBetween(rng, 2, 10)));
    const id = ids.village_decisions();
    const title = project.name;
    const partyMembers = intBetween(rng, 28, 62);
    const representatives = intBetween(rng, 25, 45);
    const recorded: Row[] = [];
    const createdAt = unixAt(date, 10);
    for (const [k, stage] of reached.entries()) {
      if (k > 0) date = addDays(date, gaps[k]!);
      if (date >= today) date = addDays(today, -1);
      const eligible =
        stage === "proposed"
          ? intBetween(rng, 5, 7)
          : stage === "discussed"
            ? intBetween(rng, 7, 9)
            : stage === "reviewed"
              ? partyMembers
              : stage === "resolved"
                ? representatives
                : null;
      const attendees =
        eligible === null
          ? null
          : stage === "proposed" || stage === "discussed"
            ? eligible - intBetween(rng, 0, 1)
            : Math.ceil(eligible * (0.8 + rng() * 0.15));
      const voting = stage === "discussed" || stage === "reviewed" || stage === "resolved";
      const against = voting ? intBetween(rng, 0, 2) : null;
      const abstain = voting ? intBetween(rng, 0, 2) : null;
      const row: Row = {
        id: ids.decision_stages(),
        decision_id: id,
        stage,
        date,
        attendees,
        eligible,
        votes_for: voting ? attendees! - against! - abstain! : null,
        votes_against: against,
        votes_abstain: abstain,
        summary: stageSummary(stage, title, project.budgetFen, townshipName.get(village.townshipCode) ?? "乡镇"),
        attachments: ATTACHMENTS[stage],
        ledger_seq: null,
        recorded_by: reg.users.admin,
        created_at: unixAt(date, 16),
      };
      if (stage === "resolution_published" || stage === "result_published") {
        const ev: LedgerEvent = {
          at: unixAt(date, 16),
          kind: `village_decision.${stage}`,
          ref: `village_decision:${id}`,
          villageIds: [village.id],
          content: {
            decisionId: id,
            village: { code: village.code, name: village.name },
            title,
            description: project.description,
            amountFen: project.budgetFen,
            stage,
            date,
            summary: row.summary,
            attachments: row.attachments,
            meetings: recorded.map((s) => ({
              stage: s.stage,
              date: s.date,
              eligible: s.eligible,
              attendees: s.attendees,
              votesFor: s.votes_for,
              votesAgainst: s.votes_against,
              votesAbstain: s.votes_abstain,
            })),
          },
        };
        events.push(ev);
        stageLedger.set(row, ev);
      }
      recorded.push(row);
    }
    rows.decision_stages!.push(...recorded);
    rows.village_decisions!.push({
      id,
      village_id: village.id,
      title,
      description: project.description,
      amount_fen: project.budgetFen,
      project_id: project.id,
      requires_township_review: requiresTownshipReview,
      stage: target,
      created_by: reg.users.admin,
      created_at: createdAt,
      updated_at: unixAt(date, 16),
    });
  }

  // ---------------------------------------------------------------- feedback (意见建议, 举报)
  const phones = new Set<string>();
  const withVillages = sample(rng, reg.villages, FEEDBACK.length);
  for (const [i, f] of FEEDBACK.entries()) {
    const village = withVillages[i % withVillages.length]!;
    const created = addDays(today, f.reply ? -intBetween(rng, 8, 60) : -intBetween(rng, 1, 3));
    const answered = f.reply ? addDays(created, intBetween(rng, 1, 5)) : null;
    const feedbackId = ids.feedback();
    rows.feedback!.push({
      id: feedbackId,
      village_id: village.id,
      category: f.category,
      text: f.text,
      contact_enc:
        rng() < 0.5 || f.category === "report"
          ? await encryptFeedbackContact(keys, feedbackId, mobile(rng, phones))
          : null,
      tracking_code: trackingCode(rng),
      status: f.reply ? "answered" : "open",
      reply: f.reply,
      reply_public: f.replyPublic ?? true,
      answered_by: f.reply ? reg.users.admin : null,
      answered_at: answered ? unixAt(answered, 15) : null,
      created_at: unixAt(created, 20),
    });
  }

  return { rows, stageLedger, counts: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length])) };
}
