/**
 * Demo registry (issue 3): places, units, cadres, households, assignments, attendance, pairings
 * and visits for one demo tenant, drawn from its seed document in db/seed/data. Personal data is
 * stored exactly as the Worker stores it (workers/cadres/service.ts phoneColumns; households:
 * encrypted ID and phone, keyed hashes, self-query hash, masked parts), so the admin UI can
 * reveal it and search it. The `demoGap` of a village breaks exactly that one rule there.
 *
 * Deterministic: one PRNG per tenant (names.ts mulberry32), dates relative to today
 * (Asia/Shanghai). Written in one D1 batch with the module's `seed.demo` audit entry.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { users } from "../../schema/tenant/users.ts";
import { HELP_KINDS, type VISIT_OCCASIONS, settings as settingsTable } from "../../schema/tenant/pairings.ts";
import type { MonitorKind, PovertyCause } from "../../schema/tenant/households.ts";
import { seedPiiKeys } from "../core/keys.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { phoneColumns as cadrePhoneColumns } from "../../../workers/cadres/service.ts";
import { idNumberColumns, phoneColumns as householdPhoneColumns } from "../../../workers/households/service.ts";
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { seedServiceContext } from "../core/service-context.ts";
import { createUnit } from "../../../workers/units/service.ts";
import { UnitCreate } from "../../../workers/units/schemas.ts";
import { LEADER_MIN_RANK, rankAtLeast } from "../../../workers/assignments/rules.ts";
import type { CadreRank } from "../../schema/tenant/people.ts";
import { intBetween, mulberry32, personName, pick, seedFromString, weightedPick, type Rng } from "../data/names.ts";
import type { DemoUnit, DemoVillage } from "../data/types.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import {
  addMonths,
  bulk,
  dateBetween,
  dayOf,
  idNumber,
  maxDate,
  minDate,
  mobile,
  nextIds,
  TODAY,
  type Item,
  type Row,
} from "./lib.ts";

/** The data-side actor of historical status events. */
const HISTORY_ACTOR = "历史数据（演示）";

type Role = "first_secretary" | "team_leader" | "team_member";
type Status = "poor" | "exited" | "monitored";

interface Cadre {
  id: number;
  name: string;
  unitId: number;
  position: string;
  /** 职级, read off the position (no random draw, so the rest of the demo stays as it was). */
  rank: CadreRank | null;
  phone: string | null;
  officePhone: string | null;
  partyMember: boolean;
  reservePool: boolean;
  /** no visit in the last 30 days (coverage gap) */
  stale?: boolean;
}

interface Assignment {
  id: number;
  cadre: Cadre;
  villageId: number;
  role: Role;
  startDate: string;
  endDate: string | null;
  status: "active" | "completed" | "recalled" | "replaced";
  endReason: string | null;
  endNote: string | null;
  replacedById: number | null;
  lowAttendance?: boolean;
}

interface Household {
  id: number;
  villageId: number;
  status: Status;
  monitorKind: MonitorKind | null;
  yearIdentified: number;
  exitYear: number | null;
  headName: string;
  /** no responsible cadre (gap) */
  unpaired?: boolean;
}

interface Pairing {
  id: number;
  kind: string;
  helperUnitId: number | null;
  helperCadreId: number | null;
  helperVillageId: number | null;
  villageId: number | null;
  householdId: number | null;
  startDate: string;
  endDate: string | null;
  status: "active" | "ended" | "handed_over";
  letterRef: string | null;
  notes: string | null;
  endReason: string | null;
  handedOverToId: number | null;
}

const TENANT_STYLE: Record<
  string,
  { region: "sichuan" | "gansu"; areaCode: string; localDigits: number; letter: string; leaders: string[] }
> = {
  longquanyi: {
    region: "sichuan",
    areaCode: "028",
    localDigits: 8,
    letter: "龙委组",
    leaders: ["区委常委、组织部部长", "区委常委、副区长", "区人大常委会副主任", "区政协副主席"],
  },
  pingchuan: {
    region: "gansu",
    areaCode: "0943",
    localDigits: 7,
    letter: "平组发",
    leaders: ["区委常委、组织部部长", "区委常委、常务副区长", "区人大常委会副主任", "副区长"],
  },
  dazhou: {
    region: "sichuan",
    areaCode: "0818",
    localDigits: 7,
    letter: "达市组",
    leaders: ["市委常委、组织部部长", "副市长", "市人大常委会副主任", "市政协副主席"],
  },
};

const POSITIONS: Record<DemoUnit["kind"], string[]> = {
  party_government: ["一级科员", "四级主任科员", "三级主任科员", "副科长", "科长", "二级主任科员"],
  public_institution: ["专业技术人员", "办公室副主任", "管理岗八级"],
  state_enterprise: ["党群工作部干事", "客户经理", "副经理", "党支部副书记"],
  private_enterprise: ["行政主管", "生产部经理"],
  school: ["一级教师", "德育处主任", "团委书记", "教务处副主任"],
  hospital: ["主治医师", "副主任医师", "党办干事", "护士长"],
  other: ["技术员", "理事"],
};
/** The 职级 a demo position implies; positions outside the civil-service ladder have none recorded. */
const POSITION_RANKS: Record<string, CadreRank> = {
  一级科员: "clerk",
  四级主任科员: "deputy_section",
  三级主任科员: "deputy_section",
  二级主任科员: "section",
  副科长: "deputy_section",
  科长: "section",
  党政办副主任: "clerk",
  农业农村服务中心主任: "section",
  组织委员: "deputy_section",
  副镇长: "deputy_section",
  社会事务办主任: "clerk",
};
/** The tenant's leaders (style.leaders): a district's 常委 or deputy head is 副处级, a city's 副厅级. */
const rankOfPosition = (position: string): CadreRank | null =>
  POSITION_RANKS[position] ??
  (/(常委|副?区长|副?市长|副主任|副主席|部长)$/.test(position)
    ? position.startsWith("市")
      ? "deputy_bureau"
      : "deputy_division"
    : null);

const TOWNSHIP_POSITIONS = ["党政办副主任", "农业农村服务中心主任", "组织委员", "副镇长", "社会事务办主任"];

const CAUSES: readonly (readonly [PovertyCause, number])[] = [
  ["illness", 30],
  ["disability", 14],
  ["lack_labour", 14],
  ["lack_skills", 12],
  ["education", 8],
  ["lack_capital", 8],
  ["lack_land", 4],
  ["lack_water", 3],
  ["disaster", 3],
  ["poor_transport", 2],
  ["lack_motivation", 1],
  ["marriage", 1],
];

const END_REASON: Record<string, string> = {
  unfit: "unfit",
  long_absent: "long_absent",
  wrong_unit: "wrong_unit",
  poor_performance: "other",
};
const END_NOTE: Record<string, string> = {
  unfit: "排查认定不符合驻村帮扶条件（非在编干部），由派出单位调整更换",
  long_absent: "驻村期间长期不在岗，经约谈后召回",
  wrong_unit: "派驻单位与本人所在单位无隶属关系，按规定调整更换",
  poor_performance: "履职不到位，经考核退回原单位",
};

function visitNote(rng: Rng, occasion: (typeof VISIT_OCCASIONS)[number], date: string, industry: string): string {
  const m = Number(date.slice(5, 7));
  const festival =
    m <= 2 ? "春节前" : m === 6 ? "端午节前" : m >= 9 && m <= 10 ? "中秋、国庆前" : m >= 11 ? "入冬前" : "节日前";
  switch (occasion) {
    case "festival":
      return `${festival}入户走访慰问，送去${m >= 11 || m <= 2 ? "棉被、" : ""}米、油，了解家庭收支和${industry}生产情况`;
    case "busy_season":
      return pick(rng, [
        `农忙时节入户，帮助联系农机和采收用工，落实${industry}技术指导`,
        `帮助抢收抢种，对接合作社收购${industry}，解决销路`,
      ]);
    case "hardship":
      return pick(rng, [
        "了解家中病人治疗和医保报销情况，协助申请临时救助",
        "家中主要劳动力受伤，协助办理医疗救助，安排公益性岗位",
      ]);
    case "school_enrolment":
      return "开学前走访，落实教育资助政策，核实子女入学和“雨露计划”申请";
    case "life_event":
      return "家中办理婚丧事宜，上门看望，宣传移风易俗、婚事新办";
    case "dispute":
      return "调解邻里宅基地和灌溉用水纠纷，双方达成一致并签字";
  }
}

const VILLAGE_VISIT_NOTES = [
  "召开院坝会，宣讲防返贫监测和产业奖补政策，收集群众意见",
  "到产业基地查看长势，与合作社商议订单收购",
  "参加村“两委”会议，研究村集体经济项目推进",
  "排查独居老人和监测户安全隐患，落实包保责任",
  "督促落实“四议两公开”，核对公开栏内容",
];

export const registrySeed: SeedModule = {
  name: "registry",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo registry present");
    const existing = await ctx.d1.prepare("SELECT count(*) AS n FROM villages").first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return ctx.log("villages already exist (not from the seed); demo registry skipped");
    const started = Date.now();
    const { items, summary } = await buildRegistry(ctx);
    await commitSeed(ctx, items, summary);
    ctx.log(
      `${Object.entries(summary.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")} in ${Date.now() - started} ms`,
    );
  },
};

async function buildRegistry(ctx: SeedContext): Promise<{
  items: Item[];
  summary: { counts: Record<string, number>; gaps: Record<string, string[]>; cadreUser: string | null };
}> {
  const data = ctx.tenant.data;
  const slug = ctx.tenant.slug;
  const style = TENANT_STYLE[slug] ?? TENANT_STYLE.longquanyi!;
  const rng = mulberry32(seedFromString(`${slug}/registry`));
  const keys = await seedPiiKeys(ctx);
  const today = TODAY();
  const thisMonth = today.slice(0, 7);
  const settings = data.settings;
  const cap = settings.householdCapPerCadre;
  const ids = await nextIds(ctx, [
    "counties",
    "townships",
    "villages",
    "village_groups",
    "cadres",
    "households",
    "household_members",
    "household_status_events",
    "assignments",
    "attendance",
    "pairings",
    "visits",
  ] as const);
  const phones = new Set<string>();
  const idNumbers = new Set<string>();
  const name = (opts: { sex?: "male" | "female"; birthYear?: number; minority?: "tujia" | "hui" }) =>
    personName(rng, { region: style.region, ...opts });

  // ---------------------------------------------------------------- places
  const countyRows: Row[] = (data.counties ?? []).map((c) => ({ id: ids.counties(), code: c.code, name: c.name }));
  const townshipName = new Map(data.townships.map((t) => [t.code, t.name]));
  const townshipRows: Row[] = data.townships.map((t) => ({
    id: ids.townships(),
    code: t.code,
    name: t.name,
    county_code: t.countyCode ?? null,
  }));
  const villageId = new Map<string, number>();
  const villageRows: Row[] = [];
  const groupRows: Row[] = [];
  const groupsOf = new Map<number, number[]>();
  const incomeRows: Row[] = [];
  for (const v of data.villages) {
    const id = ids.villages();
    villageId.set(v.code, id);
    villageRows.push({
      id,
      code: v.code,
      name: v.name,
      township_code: v.townshipCode,
      tags: v.tags,
      notes: v.industry ? `主导产业：${v.industry}` : null,
    });
    const gids: number[] = [];
    for (const g of v.groups ?? []) {
      const gid = ids.village_groups();
      gids.push(gid);
      groupRows.push({ id: gid, village_id: id, name: g });
    }
    groupsOf.set(id, gids);
    for (const [year, fen] of Object.entries(v.collectiveIncomeFen))
      incomeRows.push({ village_id: id, year: Number(year), income_fen: fen });
  }
  const vid = (code: string) => {
    const id = villageId.get(code);
    if (id === undefined) throw new Error(`${slug}: unknown village ${code}`);
    return id;
  };

  // ---------------------------------------------------------------- units
  const unitId = new Map<string, number>();
  const unitByName = new Map<string, DemoUnit>();
  // Units go through the units service (its validation, its unique name, its audit entry); a unit
  // already there from an earlier, interrupted run is reused.
  const service = await seedServiceContext(ctx);
  for (const u of data.units) {
    unitByName.set(u.name, u);
    const contact =
      u.kind === "party_government" ? `办公室 ${style.areaCode}-${localNumber(rng, style.localDigits)}` : "";
    const existing = await ctx.d1.prepare("SELECT id FROM units WHERE name = ?").bind(u.name).first<{ id: number }>();
    const id =
      existing?.id ??
      (await createUnit(service, UnitCreate.parse({ name: u.name, kind: u.kind, level: u.level, contact }))).id;
    unitId.set(u.name, id);
  }
  const uid = (n: string) => {
    const id = unitId.get(n);
    if (id === undefined) throw new Error(`${slug}: unknown unit ${n}`);
    return id;
  };
  const departments = data.units.filter(
    (u) => u.kind === "party_government" && (u.level === "county" || u.level === "city") && !u.countyCode,
  );
  const leaderUnit = departments[0] ?? data.units[0]!;

  // ---------------------------------------------------------------- cadres
  const cadres: Cadre[] = [];
  const newCadre = (
    unitName: string,
    opts: { position?: string; officePhone?: boolean; birthYear?: number; name?: string } = {},
  ): Cadre => {
    const u = unitByName.get(unitName)!;
    const birthYear = opts.birthYear ?? intBetween(rng, 1968, 1996);
    const sex = rng() < 0.72 ? "male" : "female";
    const position =
      opts.position ?? (u.level === "township" ? pick(rng, TOWNSHIP_POSITIONS) : pick(rng, POSITIONS[u.kind]));
    const c: Cadre = {
      id: ids.cadres(),
      name: opts.name ?? name({ sex, birthYear }),
      unitId: uid(unitName),
      position,
      rank: rankOfPosition(position),
      phone: rng() < 0.95 ? mobile(rng, phones) : null,
      officePhone: opts.officePhone ? `${style.areaCode}-${localNumber(rng, style.localDigits)}` : null,
      partyMember: rng() < 0.9,
      reservePool: birthYear >= 1985 && rng() < 0.35,
    };
    cadres.push(c);
    return c;
  };

  // ---------------------------------------------------------------- households
  const households: Household[] = [];
  const householdRows: Row[] = [];
  const memberRows: Row[] = [];
  const eventRows: Row[] = [];
  const byVillage = new Map<number, Household[]>();
  for (const v of data.villages) {
    const id = vid(v.code);
    const poorVillage = v.tags.includes("poor");
    const model = v.tags.includes("model");
    const monitoredOnly = /monitored/.test(v.note ?? "");
    const weights: [Status, number][] = monitoredOnly
      ? [["monitored", 1]]
      : poorVillage
        ? [
            ["poor", 45],
            ["exited", 35],
            ["monitored", 20],
          ]
        : model
          ? [
              ["poor", 4],
              ["exited", 80],
              ["monitored", 16],
            ]
          : [
              ["poor", 10],
              ["exited", 62],
              ["monitored", 28],
            ];
    const statuses: Status[] = Array.from({ length: v.households }, () => weightedPick(rng, weights));
    // The over-cap gap needs enough households still needing help in that village.
    const overN = overCapCount(v, cap);
    const needActive = overN ? overN + 6 : 0;
    for (let i = 0; statuses.filter((s) => s !== "exited").length < needActive && i < statuses.length; i++)
      if (statuses[i] === "exited") statuses[i] = "poor";
    if (v.demoGap === "household_without_responsible" && statuses.filter((s) => s === "poor").length < 4)
      for (let i = 0; i < 4; i++) statuses[i] = "poor";
    const region6 = v.code.slice(0, 6);
    const tujia = /土家族/.test(townshipName.get(v.townshipCode) ?? "") || /SURNAMES_TUJIA/.test(v.note ?? "");
    const list: Household[] = [];
    for (const status of statuses) {
      const hid = ids.households();
      const sex = rng() < 0.82 ? "male" : "female";
      const birthYear = intBetween(rng, 1942, 1988);
      const minority = tujia && rng() < 0.6 ? "tujia" : slug === "pingchuan" && rng() < 0.1 ? "hui" : undefined;
      const headName = name({ sex, birthYear, ...(minority ? { minority } : {}) });
      const idNo = idNumber(rng, region6, birthYear, sex, idNumbers);
      const phone = rng() < 0.75 ? mobile(rng, phones) : null;
      let monitorKind: MonitorKind | null = null;
      let yearIdentified = intBetween(rng, 2014, 2016);
      let exitYear: number | null = null;
      if (status === "poor" && rng() < 0.2) yearIdentified = intBetween(rng, 2024, 2025);
      if (status === "exited") exitYear = rng() < 0.1 ? 2025 : intBetween(rng, 2016, 2020);
      if (status === "monitored") {
        monitorKind = weightedPick(rng, [
          ["unstable", 40],
          ["marginal", 40],
          ["sudden_hardship", 20],
        ] as const);
        if (monitorKind === "unstable") exitYear = intBetween(rng, 2017, 2020);
        else yearIdentified = intBetween(rng, 2021, 2025);
      }
      const causes = [...new Set(Array.from({ length: intBetween(rng, 1, 3) }, () => weightedPick(rng, CAUSES)))];
      const members = makeMembers(rng, headName, sex, birthYear, (o) => name(o));
      const gids = groupsOf.get(id) ?? [];
      const hh: Household = { id: hid, villageId: id, status, monitorKind, yearIdentified, exitYear, headName };
      list.push(hh);
      // The same column builders the households service and its CSV import use (row-bound ciphertexts).
      const idCols = await idNumberColumns(keys, hid, idNo, headName);
      const phoneCols = await householdPhoneColumns(keys, hid, phone);
      householdRows.push({
        id: hid,
        village_id: id,
        group_id: gids.length ? pick(rng, gids) : null,
        head_name: headName,
        id_number_enc: idCols.idNumberEnc,
        id_number_hash: idCols.idNumberHash,
        self_query_hash: idCols.selfQueryHash,
        id_number_last4: idCols.idNumberLast4,
        id_number_first4: idCols.idNumberFirst4,
        phone_enc: phoneCols.phoneEnc,
        phone_hash: phoneCols.phoneHash,
        phone_masked: phoneCols.phoneMasked,
        member_count: 1 + members.length,
        type: weightedPick(rng, [
          ["general", 78],
          ["minimum_living", 17],
          ["extreme_hardship", 5],
        ] as const),
        status,
        monitor_kind: monitorKind,
        causes,
        year_identified: yearIdentified,
        exit_year: exitYear,
        notes: null,
      });
      for (const m of members)
        memberRows.push({
          id: ids.household_members(),
          household_id: hid,
          name: m.name,
          relation: m.relation,
          birth_year: m.birthYear,
        });
      if (exitYear !== null) {
        eventRows.push({
          id: ids.household_status_events(),
          household_id: hid,
          from_status: "poor",
          from_monitor_kind: null,
          to_status: "exited",
          to_monitor_kind: null,
          effective_date: `${exitYear}-12-${intBetween(rng, 10, 28)}`,
          reason: "人均纯收入稳定超过扶贫标准，“两不愁三保障”实现，经民主评议和公示，脱贫退出",
          actor_id: null,
          actor_name: HISTORY_ACTOR,
        });
      }
      if (monitorKind === "unstable") {
        const y = intBetween(rng, 2021, 2025);
        eventRows.push({
          id: ids.household_status_events(),
          household_id: hid,
          from_status: "exited",
          from_monitor_kind: null,
          to_status: "monitored",
          to_monitor_kind: "unstable",
          effective_date: `${y}-${pick(rng, ["04", "06", "09", "11"])}-${intBetween(rng, 10, 28)}`,
          reason: pick(rng, [
            "家庭成员患重病，医疗支出大，收入骤减，纳入防返贫监测",
            "遭受洪涝灾害，产业受损，纳入防返贫监测",
            "务工收入中断，存在返贫风险，纳入防返贫监测",
          ]),
          actor_id: null,
          actor_name: HISTORY_ACTOR,
        });
      }
    }
    // household_without_responsible: the newest poor households (added at the 2025 review) have nobody yet.
    if (v.demoGap === "household_without_responsible") {
      for (const hh of list.filter((h) => h.status === "poor").slice(-2)) {
        hh.unpaired = true;
        hh.yearIdentified = 2025;
        const row = householdRows.find((r) => r.id === hh.id)!;
        row.year_identified = 2025;
      }
    }
    households.push(...list);
    byVillage.set(id, list);
  }

  // ---------------------------------------------------------------- assignments (驻村)
  const assignments: Assignment[] = [];
  const assign = (
    a: Omit<Assignment, "id" | "endDate" | "status" | "endReason" | "endNote" | "replacedById"> & Partial<Assignment>,
  ): Assignment => {
    const full: Assignment = {
      id: ids.assignments(),
      endDate: null,
      status: "active",
      endReason: null,
      endNote: null,
      replacedById: null,
      ...a,
    };
    assignments.push(full);
    return full;
  };
  const residentsOf = new Map<number, Assignment[]>();
  const predecessorOf = new Map<Assignment, Assignment>();
  let demoCadre: Cadre | null = null;
  const cadreUser = await ctx.db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(eq(users.username, "cadre"))
    .get();
  const otherDepartment = (not: string | undefined) =>
    pick(
      rng,
      departments.filter((d) => d.name !== not),
    ).name;

  for (const v of data.villages) {
    const id = vid(v.code);
    const team: Assignment[] = [];
    const events = (data.cadreEvents ?? []).filter((e) => e.villageCode === v.code);
    const fsEvent = events.find(() => /first secretary/i.test(v.note ?? ""));
    const noFs = v.demoGap === "no_first_secretary";
    if (v.firstSecretaryUnit || noFs) {
      const size = v.demoGap === "too_few_residents" ? 2 : (v.residentMembers ?? 3);
      const fsUnit = v.firstSecretaryUnit ?? v.pairedUnits?.[0] ?? leaderUnit.name;
      const start = `${pick(rng, ["2024", "2024", "2025"])}-${pick(rng, ["03", "05", "06", "09"])}-${pick(rng, ["01", "10", "15"])}`;
      if (!noFs) {
        const retired = v.firstSecretaryFrom === "retired_cadre";
        const isDemo = !demoCadre && v.tags.includes("poor") && !v.demoGap && !events.length;
        const fs = newCadre(fsUnit, {
          officePhone: true,
          ...(retired ? { position: "退休干部（原县农业农村局副局长）", birthYear: intBetween(rng, 1956, 1962) } : {}),
          ...(isDemo ? { name: cadreUser?.displayName ?? "陈晓东", birthYear: 1983 } : {}),
        });
        fs.partyMember = true;
        if (isDemo) demoCadre = fs;
        team.push(assign({ cadre: fs, villageId: id, role: "first_secretary", startDate: start }));
      }
      const members = noFs ? 3 : size - 1;
      for (let i = 0; i < members; i++) {
        const role: Role =
          noFs && i === 0 ? "team_leader" : !noFs && size >= 4 && i === 0 ? "team_leader" : "team_member";
        const unitName = i === 0 ? fsUnit : rng() < 0.5 ? fsUnit : otherDepartment(fsUnit);
        const c = newCadre(unitName, { officePhone: role === "team_leader" });
        // 工作队队长 (seed 003): at least 副处级 from a city unit, 副科级 from a county unit.
        if (role === "team_leader") {
          const min = LEADER_MIN_RANK[unitByName.get(unitName)!.level];
          if (!c.rank || !rankAtLeast(c.rank, min)) c.rank = min;
        }
        team.push(assign({ cadre: c, villageId: id, role, startDate: addDays(start, intBetween(rng, 0, 20)) }));
      }
      // The previous first secretary of a village without one now (岐山村: term ended 2025-06).
      if (noFs && !fsEvent) {
        const prev = newCadre(fsUnit);
        prev.partyMember = true;
        assign({
          cadre: prev,
          villageId: id,
          role: "first_secretary",
          startDate: "2023-07-01",
          endDate: "2025-06-30",
          status: "completed",
          endReason: "term_completed",
          endNote: "任期届满，考核合格，按期轮换",
        });
      }
      // A completed earlier term before the current first secretary, for some villages.
      if (!noFs && !fsEvent && rng() < 0.4) {
        const prev = newCadre(fsUnit);
        prev.partyMember = true;
        assign({
          cadre: prev,
          villageId: id,
          role: "first_secretary",
          startDate: "2021-07-01",
          endDate: addDays(team[0]!.startDate, -1),
          status: "completed",
          endReason: "term_completed",
          endNote: "任期届满，考核合格，按期轮换",
        });
      }
      // 陡城村: one team member screened unfit in 2025 but still on the team (001).
      if (v.demoGap === "unfit_cadre_pending") {
        const m = team.find((a) => a.role === "team_member")!;
        m.lowAttendance = true;
        m.cadre.stale = true;
        m.cadre.position = "工人（非在编）";
      }
    }
    // cadreEvents: past recalls/replacements; the successor (if any) starts the next day.
    const successors = [...team].reverse();
    for (const e of events) {
      for (let k = 0; k < e.count; k++) {
        const role: Role = /first secretary/i.test(v.note ?? "") ? "first_secretary" : "team_member";
        const successor =
          role === "first_secretary"
            ? team.find((a) => a.role === "first_secretary")
            : successors.find((a) => a.role !== "first_secretary" && !a.lowAttendance && !predecessorOf.has(a));
        const endDate =
          e.reason === "long_absent" && noFs
            ? dayOf("2025-10", intBetween(rng, 10, 25))
            : `2025-${pick(rng, ["03", "04", "05", "07"])}-${intBetween(rng, 10, 25)}`;
        const unitName =
          e.reason === "wrong_unit"
            ? otherDepartment(v.firstSecretaryUnit)
            : e.reason === "unfit"
              ? (data.units.find((u) => u.kind === "state_enterprise" && u.level === "province")?.name ??
                v.firstSecretaryUnit ??
                leaderUnit.name)
              : (v.firstSecretaryUnit ?? v.pairedUnits?.[0] ?? leaderUnit.name);
        const c = newCadre(unitName, e.reason === "unfit" ? { position: "工人（非在编）" } : {});
        if (role === "first_secretary") c.partyMember = true;
        const old = assign({
          cadre: c,
          villageId: id,
          role,
          startDate: "2024-03-01",
          endDate,
          status: e.status,
          endReason: END_REASON[e.reason] ?? "other",
          endNote: END_NOTE[e.reason] ?? null,
          lowAttendance: e.reason === "long_absent",
        });
        if (successor) {
          successor.startDate = addDays(endDate, 1);
          if (e.status === "replaced") old.replacedById = successor.id;
          predecessorOf.set(successor, old);
        }
      }
    }
    residentsOf.set(id, team);
  }

  // ---------------------------------------------------------------- household pairings (1+1 / 1+N)
  const pairings: Pairing[] = [];
  const pair = (p: Partial<Pairing> & Pick<Pairing, "kind" | "startDate">): Pairing => {
    const full: Pairing = {
      id: ids.pairings(),
      helperUnitId: null,
      helperCadreId: null,
      helperVillageId: null,
      villageId: null,
      householdId: null,
      endDate: null,
      status: "active",
      letterRef: null,
      notes: null,
      endReason: null,
      handedOverToId: null,
      ...p,
    };
    pairings.push(full);
    return full;
  };
  let letterNo = 1;
  const letter = (year: string) => `${style.letter}〔${year}〕${letterNo++}号`;
  const load = new Map<number, number>();
  const helpersOf = new Map<number, Cadre[]>();
  const gaps: Record<string, string[]> = {};
  const noteGap = (k: string, v: string) => {
    gaps[k] ??= [];
    gaps[k].push(v);
  };

  for (const v of data.villages) {
    const id = vid(v.code);
    const team = residentsOf.get(id) ?? [];
    const list = byVillage.get(id) ?? [];
    const needing = list.filter((h) => h.status !== "exited" && !h.unpaired);
    if (v.demoGap) noteGap(v.demoGap, v.name);
    const helpers: { cadre: Cadre; room: number; since: string }[] = [];
    const overN = overCapCount(v, cap);
    for (const a of team) {
      if (a.lowAttendance) helpers.push({ cadre: a.cadre, room: 2, since: a.startDate });
      else if (overN && a.role === "team_member" && !helpers.some((h) => h.room > cap))
        helpers.push({ cadre: a.cadre, room: overN, since: a.startDate });
      else
        helpers.push({
          cadre: a.cadre,
          room: a.role === "first_secretary" ? (a.cadre === demoCadre ? 4 : 3) : intBetween(rng, 3, Math.min(5, cap)),
          since: a.startDate,
        });
    }
    if (overN && !helpers.some((h) => h.room > cap)) {
      const c = newCadre(v.firstSecretaryUnit ?? leaderUnit.name);
      helpers.push({ cadre: c, room: overN, since: "2024-03-01" });
    }
    const helperUnits = [...(v.pairedUnits ?? []), ...(v.firstSecretaryUnit ? [v.firstSecretaryUnit] : [])].filter(
      (n) => unitByName.get(n)?.kind !== "other",
    );
    let queue = [...needing];
    // Over-cap cadre first, so it really gets its N households.
    helpers.sort((a, b) => b.room - a.room);
    const assigned: { h: Household; c: Cadre; since: string }[] = [];
    for (const helper of helpers) {
      const take = queue.slice(0, helper.room);
      queue = queue.slice(take.length);
      for (const h of take) assigned.push({ h, c: helper.cadre, since: helper.since });
    }
    while (queue.length) {
      const c = newCadre(helperUnits.length ? pick(rng, helperUnits) : pick(rng, departments).name);
      helpers.push({ cadre: c, room: 0, since: "2021-03-01" });
      const take = queue.slice(0, intBetween(rng, 3, Math.min(5, cap)));
      queue = queue.slice(take.length);
      for (const h of take) assigned.push({ h, c, since: "2021-03-01" });
    }
    for (const { h, c, since } of assigned) {
      const start = maxDate(since, `${h.yearIdentified}-${pick(rng, ["03", "05", "08"])}-${intBetween(rng, 10, 25)}`);
      pair({
        kind: "cadre_household",
        helperCadreId: c.id,
        householdId: h.id,
        startDate: minDate(start, today),
        letterRef: `帮扶责任书 ${letter(start.slice(0, 4))}`,
        notes: rng() < 0.5 ? "1+N结对，每月至少走访一次" : null,
      });
      load.set(c.id, (load.get(c.id) ?? 0) + 1);
    }
    // Handovers: a cadre who was recalled or replaced handed two households to the successor.
    for (const a of team) {
      const pred = predecessorOf.get(a);
      if (!pred) continue;
      for (const p of pairings
        .filter((p) => p.kind === "cadre_household" && p.helperCadreId === a.cadre.id && p.status === "active")
        .slice(0, 2)) {
        pair({
          kind: "cadre_household",
          helperCadreId: pred.cadre.id,
          householdId: p.householdId,
          startDate: minDate(p.startDate, pred.startDate),
          letterRef: p.letterRef,
          status: "handed_over",
          endDate: pred.endDate,
          endReason: `${pred.status === "replaced" ? "驻村干部调整更换" : "驻村干部召回"}，移交继任干部`,
          handedOverToId: p.id,
        });
        p.startDate = pred.endDate!;
      }
    }
    // Exited households: most pairings ended after the exit was confirmed (不脱贫不脱钩: not before).
    const pool = helpers.map((h) => h.cadre);
    const exitedPaired = list.filter((x) => x.status === "exited" && rng() < 0.6);
    if (exitedPaired.length && !pool.length)
      pool.push(newCadre(helperUnits.length ? pick(rng, helperUnits) : pick(rng, departments).name));
    for (const h of exitedPaired) {
      const c = pick(rng, pool);
      pair({
        kind: "cadre_household",
        helperCadreId: c.id,
        householdId: h.id,
        startDate: `${h.yearIdentified}-0${intBetween(rng, 3, 9)}-${intBetween(rng, 10, 25)}`,
        status: "ended",
        endDate: `${h.exitYear! + 1}-${pick(rng, ["03", "06"])}-30`,
        endReason: "已稳定脱贫，过渡期后按程序解除结对",
        letterRef: `帮扶责任书 ${letter(String(h.yearIdentified))}`,
      });
    }
    helpersOf.set(id, pool);
  }

  // ---------------------------------------------------------------- village pairings
  for (const v of data.villages) {
    const id = vid(v.code);
    const start = `2024-${pick(rng, ["01", "02", "03"])}-${intBetween(rng, 10, 28)}`;
    if (v.firstSecretaryUnit)
      pair({
        kind: "unit_village",
        helperUnitId: uid(v.firstSecretaryUnit),
        villageId: id,
        startDate: start,
        letterRef: `单位包村目标责任书 ${letter("2024")}`,
        notes: "选派第一书记和驻村工作队，单位包村",
      });
    for (const n of v.pairedUnits ?? []) {
      if (n === v.firstSecretaryUnit) continue;
      const u = unitByName.get(n)!;
      const kind =
        u.kind === "school" || u.kind === "hospital" || u.level === "township" || /开发区/.test(n)
          ? "branch_branch"
          : "unit_village";
      pair({
        kind,
        helperUnitId: uid(n),
        villageId: id,
        startDate: start,
        letterRef: `结对共建协议 ${letter("2024")}`,
        notes: kind === "branch_branch" ? "支部结对共建，“1+1”结对帮扶" : "机关单位结对帮扶",
      });
    }
    if (v.enterprisePartner) {
      const u = unitByName.get(v.enterprisePartner)!;
      const enterprise = u.kind === "state_enterprise" || u.kind === "private_enterprise";
      pair({
        kind: enterprise ? "enterprise_village" : "unit_village",
        helperUnitId: uid(v.enterprisePartner),
        villageId: id,
        startDate: start,
        letterRef: `村企联建协议 ${letter("2024")}`,
        notes: enterprise
          ? `村企联建：企业+村社，发展${v.industry ?? "特色产业"}`
          : `合作社带动：党组织+合作社+农户，发展${v.industry ?? "特色产业"}`,
      });
    }
    if (v.strongPartnerCode)
      pair({
        kind: "village_village",
        helperVillageId: vid(v.strongPartnerCode),
        villageId: id,
        startDate: start,
        letterRef: `强村带弱村结对协议 ${letter("2024")}`,
        notes: "强村带弱村：产业共建、党员互学",
      });
  }
  // 县级领导联系贫困村: one leader per township that has poor villages (up to four leaders).
  const leaders: Cadre[] = [];
  const poorByTownship = new Map<string, DemoVillage[]>();
  for (const v of data.villages)
    if (v.tags.includes("poor")) poorByTownship.set(v.townshipCode, [...(poorByTownship.get(v.townshipCode) ?? []), v]);
  for (const [i, [, vs]] of [...poorByTownship.entries()].entries()) {
    let leader = leaders[i % style.leaders.length];
    if (!leader) {
      leader = newCadre(leaderUnit.name, {
        position: style.leaders[i % style.leaders.length]!,
        birthYear: intBetween(rng, 1966, 1975),
      });
      leader.partyMember = true;
      leader.reservePool = false;
      leaders.push(leader);
    }
    for (const v of vs)
      pair({
        kind: "leader_village",
        helperCadreId: leader.id,
        villageId: vid(v.code),
        startDate: "2024-02-20",
        letterRef: `领导干部联系点 ${letter("2024")}`,
        notes: "县级领导联系贫困村，每季度至少到村一次",
      });
  }

  // ---------------------------------------------------------------- who has not visited lately
  // Besides the unfit cadre: one household helper and one leader per tenant.
  const activeHelpers = cadres.filter(
    (c) =>
      pairings.some((p) => p.kind === "cadre_household" && p.status === "active" && p.helperCadreId === c.id) &&
      !assignments.some((a) => a.cadre === c && a.status === "active") &&
      c !== demoCadre,
  );
  if (activeHelpers.length) activeHelpers[Math.floor(activeHelpers.length / 2)]!.stale = true;
  if (leaders.length > 1) leaders[leaders.length - 1]!.stale = true;

  // ---------------------------------------------------------------- visits
  const visitRows: Row[] = [];
  const industryOf = new Map(data.villages.map((v) => [vid(v.code), v.industry ?? "种养殖"]));
  const recentFrom = addDays(today, -28);
  const addVisit = (c: Cadre, villageIdOf: number, householdIdOf: number | null, date: string) => {
    const occasion = householdIdOf
      ? weightedPick(rng, [
          ["festival", 25],
          ["busy_season", 30],
          ["hardship", 20],
          ["school_enrolment", 10],
          ["life_event", 8],
          ["dispute", 7],
        ] as const)
      : null;
    const help = [...new Set(Array.from({ length: intBetween(rng, 1, 2) }, () => pick(rng, HELP_KINDS)))];
    visitRows.push({
      id: 0,
      cadre_id: c.id,
      village_id: villageIdOf,
      household_id: householdIdOf,
      visit_date: date,
      occasion: occasion ?? pick(rng, ["busy_season", "festival", "dispute"] as const),
      help,
      notes: occasion ? visitNote(rng, occasion, date, industryOf.get(villageIdOf)!) : pick(rng, VILLAGE_VISIT_NOTES),
      follow_up_date: rng() < 0.3 ? addDays(date, intBetween(rng, 14, 30)) : null,
      created_by: null,
    });
  };
  const householdVillage = new Map(households.map((h) => [h.id, h.villageId]));
  for (const p of pairings) {
    if (p.kind !== "cadre_household" || p.status !== "active") continue;
    const c = cadres.find((x) => x.id === p.helperCadreId)!;
    const vId = householdVillage.get(p.householdId!)!;
    const n = intBetween(rng, 1, 3);
    for (let i = 0; i < n; i++) {
      const date = c.stale
        ? dateBetween(rng, maxDate(p.startDate, addDays(today, -120)), addDays(today, -45))
        : i === 0
          ? dateBetween(rng, maxDate(p.startDate, recentFrom), addDays(today, -1))
          : dateBetween(rng, maxDate(p.startDate, addDays(today, -120)), addDays(today, -1));
      addVisit(c, vId, p.householdId, date);
    }
  }
  for (const a of assignments.filter((x) => x.status === "active")) {
    const n = intBetween(rng, 2, 4);
    for (let i = 0; i < n; i++)
      addVisit(
        a.cadre,
        a.villageId,
        null,
        a.cadre.stale
          ? dateBetween(rng, addDays(today, -110), addDays(today, -40))
          : dateBetween(rng, maxDate(a.startDate, i === 0 ? recentFrom : addDays(today, -120)), addDays(today, -1)),
      );
  }
  for (const p of pairings.filter((x) => x.kind === "leader_village")) {
    const c = cadres.find((x) => x.id === p.helperCadreId)!;
    addVisit(
      c,
      p.villageId!,
      null,
      c.stale
        ? dateBetween(rng, addDays(today, -100), addDays(today, -50))
        : dateBetween(rng, recentFrom, addDays(today, -2)),
    );
  }
  // Ended assignments: visits while they were there.
  for (const a of assignments.filter((x) => x.status !== "active"))
    addVisit(a.cadre, a.villageId, null, dateBetween(rng, addDays(a.endDate!, -90), a.endDate!));
  visitRows.sort((x, y) => String(x.visit_date).localeCompare(String(y.visit_date)));
  for (const r of visitRows) r.id = ids.visits();

  // ---------------------------------------------------------------- attendance (驻村天数)
  const attendanceRows: Row[] = [];
  for (const a of assignments) {
    const last = a.endDate ? a.endDate.slice(0, 7) : addMonths(thisMonth, -1);
    const first = maxDate(a.startDate.slice(0, 7), addMonths(last, a.endDate ? -3 : -5));
    for (let m = first; m <= last; m = addMonths(m, 1)) {
      const days = a.lowAttendance ? intBetween(rng, 1, 6) : intBetween(rng, 18, 24);
      attendanceRows.push({ id: ids.attendance(), assignment_id: a.id, month: m, days });
    }
  }

  // ---------------------------------------------------------------- rows
  const cadreRows: Row[] = [];
  for (const c of cadres) {
    const phoneCols = await cadrePhoneColumns(keys, c.id, c.phone);
    cadreRows.push({
      id: c.id,
      name: c.name,
      unit_id: c.unitId,
      position: c.position,
      rank: c.rank,
      phone_enc: phoneCols.phoneEnc,
      phone_hash: phoneCols.phoneHash,
      phone_masked: phoneCols.phoneMasked,
      office_phone: c.officePhone,
      party_member: c.partyMember,
      reserve_pool: c.reservePool,
    });
  }
  const assignmentRows: Row[] = assignments.map((a) => ({
    id: a.id,
    cadre_id: a.cadre.id,
    village_id: a.villageId,
    role: a.role,
    start_date: a.startDate,
    end_date: a.endDate,
    status: a.status,
    end_reason: a.endReason,
    end_note: a.endNote,
    replaced_by_id: a.replacedById,
  }));
  const pairingRows: Row[] = pairings.map((p) => ({
    id: p.id,
    kind: p.kind,
    helper_unit_id: p.helperUnitId,
    helper_cadre_id: p.helperCadreId,
    helper_village_id: p.helperVillageId,
    village_id: p.villageId,
    household_id: p.householdId,
    start_date: p.startDate,
    end_date: p.endDate,
    status: p.status,
    letter_ref: p.letterRef,
    notes: p.notes,
    end_reason: p.endReason,
    handed_over_to_id: p.handedOverToId,
  }));
  const settingRows: Row[] = [
    { key: "minResidentMembers", value: String(settings.minResidentMembers) },
    { key: "householdCapPerCadre", value: String(settings.householdCapPerCadre) },
    { key: "visitGapDays", value: "30" },
  ];

  const db = ctx.db;
  const items: Item[] = [
    ...bulk(ctx, "counties", countyRows),
    ...bulk(ctx, "townships", townshipRows),
    ...bulk(ctx, "villages", villageRows),
    ...bulk(ctx, "village_groups", groupRows),
    ...bulk(ctx, "village_incomes", incomeRows),
    ...bulk(ctx, "cadres", cadreRows),
    ...bulk(ctx, "households", householdRows),
    ...bulk(ctx, "household_members", memberRows),
    ...bulk(ctx, "household_status_events", eventRows),
    ...bulk(ctx, "assignments", assignmentRows),
    ...bulk(ctx, "attendance", attendanceRows),
    ...bulk(ctx, "pairings", pairingRows),
    ...bulk(ctx, "visits", visitRows),
    // Settings the tenant has not chosen itself yet.
    ...settingRows.map((s) =>
      db
        .insert(settingsTable)
        .values({ key: s.key as string, value: s.value as string })
        .onConflictDoNothing(),
    ),
  ];
  if (demoCadre)
    items.push(
      db
        .update(users)
        .set({ cadreId: demoCadre.id, updatedAt: sql`unixepoch()` })
        .where(and(eq(users.username, "cadre"), eq(users.role, "cadre"), isNull(users.cadreId))),
    );
  // The demo township officer works in a real township (tenants.ts chooses one with villages).
  items.push(
    db
      .update(users)
      .set({ townshipCode: ctx.tenant.townshipCode, updatedAt: sql`unixepoch()` })
      .where(
        and(
          eq(users.username, "township"),
          eq(users.role, "township_officer"),
          sql`(${users.townshipCode} IS NULL OR ${users.townshipCode} NOT IN (SELECT code FROM townships))`,
        ),
      ),
  );

  const counts = {
    counties: countyRows.length,
    townships: townshipRows.length,
    villages: villageRows.length,
    groups: groupRows.length,
    units: unitId.size,
    cadres: cadreRows.length,
    households: householdRows.length,
    members: memberRows.length,
    statusEvents: eventRows.length,
    assignments: assignmentRows.length,
    attendance: attendanceRows.length,
    pairings: pairingRows.length,
    visits: visitRows.length,
  };
  if (!demoCadre) ctx.log("warning: no village suitable for the demo cadre user");
  return { items, summary: { counts, gaps, cadreUser: demoCadre?.name ?? null } };
}

// ---------------------------------------------------------------- small helpers

function localNumber(rng: Rng, digits: number): string {
  return String(intBetween(rng, 2, 8)) + String(intBetween(rng, 0, 10 ** (digits - 1) - 1)).padStart(digits - 1, "0");
}

/** How many households the over-cap cadre of this village holds (README: 8 / 7 / 9), or 0. */
function overCapCount(v: DemoVillage, cap: number): number {
  if (v.demoGap !== "cadre_over_cap") return 0;
  const m = /responsible for (\d+) households/.exec(v.note ?? "");
  return Math.max(cap + 1, m ? Number(m[1]) : cap + 3);
}

function makeMembers(
  rng: Rng,
  headName: string,
  sex: "male" | "female",
  birthYear: number,
  name: (o: { sex: "male" | "female"; birthYear: number }) => string,
): { name: string; relation: string; birthYear: number }[] {
  const surname = Array.from(headName)[0]!;
  const out: { name: string; relation: string; birthYear: number }[] = [];
  const withSurname = (n: string) => surname + Array.from(n).slice(1).join("");
  if (rng() < 0.8) {
    const by = birthYear + intBetween(rng, -3, 4);
    out.push({
      name: name({ sex: sex === "male" ? "female" : "male", birthYear: by }),
      relation: sex === "male" ? "妻子" : "丈夫",
      birthYear: by,
    });
  }
  const children = weightedPick(rng, [
    [0, 15],
    [1, 35],
    [2, 35],
    [3, 15],
  ] as const);
  for (let i = 0; i < children; i++) {
    const by = Math.min(2020, birthYear + intBetween(rng, 22, 32));
    const s = rng() < 0.5 ? "male" : "female";
    out.push({
      name: withSurname(name({ sex: s, birthYear: by })),
      relation: s === "male" ? "儿子" : "女儿",
      birthYear: by,
    });
  }
  if (birthYear >= 1970 && rng() < 0.35) {
    const by = birthYear - intBetween(rng, 24, 30);
    out.push({ name: withSurname(name({ sex: "male", birthYear: by })), relation: "父亲", birthYear: by });
  }
  if (birthYear < 1965 && children > 0 && rng() < 0.4) {
    const by = Math.min(2022, birthYear + intBetween(rng, 48, 58));
    const s = rng() < 0.5 ? "male" : "female";
    out.push({
      name: withSurname(name({ sex: s, birthYear: by })),
      relation: s === "male" ? "孙子" : "孙女",
      birthYear: by,
    });
  }
  return out;
}

export type { Household, Cadre };
