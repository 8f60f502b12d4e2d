import {
  households,
  HOUSEHOLD_STATUSES,
  HOUSEHOLD_TYPES,
  MONITOR_KINDS,
  POVERTY_CAUSES,
  type HouseholdStatus,
  type MonitorKind,
  type PovertyCause,
} from "../../db/schema/tenant/households.ts";
import { villageGroups, villages } from "../../db/schema/tenant/places.ts";
import type { ImportDefinition } from "../imports/definition.ts";
import { bulkInsert } from "../lib/bulk-insert.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { searchHash, searchHashes, type PiiKeys } from "../lib/pii-crypto.ts";

import { nextRowId } from "../domain/pii-fields.ts";
import { scopeOf, villageCondition } from "../domain/scope.ts";
import {
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  MONITOR_KIND_LABELS,
  POVERTY_CAUSE_LABELS,
} from "../../web/i18n/zh-CN.ts";
import { MOBILE_MESSAGE, normalizeMobile } from "./schemas.ts";
import { idNumberColumns, phoneColumns } from "./service.ts";
import { proposeForNewHouseholds } from "./proposals.ts";

type Key =
  | "headName"
  | "idNumber"
  | "phone"
  | "villageCode"
  | "group"
  | "memberCount"
  | "type"
  | "status"
  | "causes"
  | "yearIdentified"
  | "exitYear"
  | "notes";
interface Row {
  headName: string;
  idNumber: string;
  phone: string | null;
  villageId: number;
  groupId: number | null;
  memberCount: number;
  type: (typeof HOUSEHOLD_TYPES)[number];
  /** The status proposed (a decision to publish), not the status written. */
  status: HouseholdStatus;
  monitorKind: MonitorKind | null;
  idNumberHash: string;
  causes: PovertyCause[];
  yearIdentified: number | null;
  exitYear: number | null;
  notes: string | null;
}
interface Prep {
  keys: PiiKeys;
  villageByCode: Map<string, number>;
  /** "villageId|group name" → group id */
  groups: Map<string, number>;
  /** ID hashes already registered in the tenant. */
  existing: Set<string>;
  /** ID hash → row number of the rows seen so far in this file. */
  seen: Map<string, number>;
}

const byLabel = <K extends string>(labels: Record<K, string>, keys: readonly K[]) =>
  new Map<string, K>([
    ...Object.entries(labels).map(([k, v]) => [v as string, k as K] as const),
    ...keys.map((k) => [k, k] as const),
  ]);
const TYPE_BY_LABEL = byLabel(HOUSEHOLD_TYPE_LABELS, HOUSEHOLD_TYPES);
TYPE_BY_LABEL.set("一般户", "general")
  .set("低保户", "minimum_living")
  .set("特困户", "extreme_hardship")
  .set("特困供养户", "extreme_hardship");
const CAUSE_BY_LABEL = byLabel(POVERTY_CAUSE_LABELS, POVERTY_CAUSES);
/** 户类型/状态: 未脱贫 / 已脱贫 / 监测对象 kinds by name (a monitored household is named by its kind). */
const STATUS_BY_LABEL = new Map<string, { status: HouseholdStatus; monitorKind: MonitorKind | null }>([
  ...Object.entries(HOUSEHOLD_STATUS_LABELS)
    .filter(([k]) => k !== "monitored")
    .map(([k, v]) => [v, { status: k as HouseholdStatus, monitorKind: null }] as const),
  ...HOUSEHOLD_STATUSES.filter((k) => k !== "monitored").map((k) => [k, { status: k, monitorKind: null }] as const),
  ["贫困户", { status: "poor", monitorKind: null }],
  ["脱贫户", { status: "exited", monitorKind: null }],
  ...Object.entries(MONITOR_KIND_LABELS).map(
    ([k, v]) => [v, { status: "monitored" as const, monitorKind: k as MonitorKind }] as const,
  ),
  ...MONITOR_KINDS.map((k) => [k, { status: "monitored" as const, monitorKind: k }] as const),
  ...MONITOR_KINDS.map((k) => [`monitored:${k}`, { status: "monitored" as const, monitorKind: k }] as const),
]);
const STATUS_HINT = ["待认定", "未脱贫", ...Object.values(MONITOR_KIND_LABELS)].join("、");

function year(v: string, column: string, errors: { column: string; message: string }[]): number | null {
  const t = v.trim().replace(/年$/, "");
  if (t === "") return null;
  const n = Number(t);
  if (!/^\d{4}$/.test(t) || n < 1980 || n > 2100) {
    errors.push({ column, message: "请填写 1980–2100 之间的四位年份" });
    return null;
  }
  return n;
}

export const householdsImport: ImportDefinition<Key, Row, Prep> = {
  entity: "households",
  label: "农户",
  permission: "households.manage",
  columns: [
    { key: "headName", header: "户主姓名", aliases: ["户主", "姓名"] },
    { key: "idNumber", header: "身份证号", aliases: ["身份证号码", "户主身份证号", "证件号码"] },
    { key: "phone", header: "联系电话", aliases: ["手机号", "手机号码", "电话"], required: false },
    { key: "villageCode", header: "村级区划代码", aliases: ["村代码", "区划代码"] },
    { key: "group", header: "村民小组", aliases: ["小组", "组"], required: false },
    { key: "memberCount", header: "家庭人口", aliases: ["家庭人口数", "人口数"], required: false },
    { key: "type", header: "贫困户属性", aliases: ["户属性"], required: false },
    { key: "status", header: "户类型/状态", aliases: ["户状态", "状态", "户类型"], required: false },
    { key: "causes", header: "致贫原因", aliases: ["主要致贫原因"], required: false },
    { key: "yearIdentified", header: "识别年度", aliases: ["识别年份", "建档立卡年度"], required: false },
    { key: "exitYear", header: "脱贫年度", aliases: ["脱贫年份"], required: false },
    { key: "notes", header: "备注", required: false },
  ],
  example: [
    [
      "张明",
      "510112198001010011",
      "13812345678",
      "510112101201",
      "一组",
      "4",
      "一般贫困户",
      "未脱贫",
      "因病、缺技术",
      "2016",
      "",
      "",
    ],
    ["李芳", "51011219751203002X", "", "510112101201", "", "2", "低保贫困户", "边缘易致贫户", "因残", "2015", "", ""],
  ],
  async prepare(c) {
    const db = c.db;
    const [vs, gs, hs, keys] = await Promise.all([
      db
        .select({ id: villages.id, code: villages.code })
        .from(villages)
        .where(villageCondition(scopeOf(c.user!)))
        .all(),
      db
        .select({ id: villageGroups.id, villageId: villageGroups.villageId, name: villageGroups.name })
        .from(villageGroups)
        .all(),
      // Tenant-wide on purpose: an ID number is unique in the tenant, whoever can see the holder.
      db.select({ hash: households.idNumberHash }).from(households).all(),
      c.piiKeys(),
    ]);
    return {
      keys,
      villageByCode: new Map(vs.map((v) => [v.code, v.id])),
      groups: new Map(gs.map((g) => [`${g.villageId}|${g.name}`, g.id])),
      existing: new Set(hs.map((h) => h.hash)),
      seen: new Map(),
    };
  },
  async validate(v, prep, _c, rowNo) {
    const errors: { column: string; message: string }[] = [];
    const headName = v.headName.trim();
    if (!headName) errors.push({ column: "户主姓名", message: "请填写户主姓名" });
    else if (headName.length > 40) errors.push({ column: "户主姓名", message: "姓名最多 40 个字" });
    const id = validateIdNumber(v.idNumber);
    let hash: string | null = null;
    if (!id.ok) errors.push({ column: "身份证号", message: id.message });
    else {
      hash = await searchHash(prep.keys, id.value);
      const earlier = prep.seen.get(hash);
      if ((await searchHashes(prep.keys, id.value)).some((h) => prep.existing.has(h)))
        errors.push({ column: "身份证号", message: "该身份证号已登记" });
      else if (earlier !== undefined) errors.push({ column: "身份证号", message: `与第 ${earlier} 行的身份证号重复` });
      else prep.seen.set(hash, rowNo);
    }
    const phone = v.phone.trim() ? normalizeMobile(v.phone) : null;
    if (v.phone.trim() && !phone) errors.push({ column: "联系电话", message: MOBILE_MESSAGE });
    const code = v.villageCode.trim();
    const villageId = prep.villageByCode.get(code);
    if (!/^\d{12}$/.test(code)) errors.push({ column: "村级区划代码", message: "村级区划代码为 12 位数字" });
    else if (villageId === undefined)
      errors.push({ column: "村级区划代码", message: "没有这个村，或不在您的管辖范围内" });
    let groupId: number | null = null;
    const group = v.group.trim();
    if (group && villageId !== undefined) {
      groupId = prep.groups.get(`${villageId}|${group}`) ?? null;
      if (groupId === null)
        errors.push({ column: "村民小组", message: `该村没有名为“${group}”的村民小组，请先在村详情页添加` });
    }
    let memberCount = 1;
    const mc = v.memberCount.trim().replace(/人$/, "");
    if (mc) {
      memberCount = Number(mc);
      if (!/^\d+$/.test(mc) || memberCount < 1 || memberCount > 30)
        errors.push({ column: "家庭人口", message: "家庭人口须为 1–30 的整数" });
    }
    const type = v.type.trim() ? TYPE_BY_LABEL.get(v.type.trim()) : "general";
    if (!type)
      errors.push({
        column: "贫困户属性",
        message: `未知的贫困户属性“${v.type}”，可填：${Object.values(HOUSEHOLD_TYPE_LABELS).join("、")}`,
      });
    // The column names the status *proposed*: the household is registered 待认定 and the status
    // takes effect only after its decision's 公示 (published from the decisions page).
    const st = v.status.trim()
      ? STATUS_BY_LABEL.get(v.status.trim())
      : { status: "registered" as const, monitorKind: null };
    if (!st) errors.push({ column: "户类型/状态", message: `未知的户状态“${v.status}”，可填：${STATUS_HINT}` });
    else if (st.status === "exited")
      errors.push({
        column: "户类型/状态",
        message: "导入不能直接登记已脱贫户：脱贫退出须对未脱贫户或监测对象提出，经公示后生效",
      });
    const causes: PovertyCause[] = [];
    for (const t of v.causes.split(/[,，、;；\s]+/).filter(Boolean)) {
      const cause = CAUSE_BY_LABEL.get(t);
      if (cause) causes.push(cause);
      else
        errors.push({
          column: "致贫原因",
          message: `未知的致贫原因“${t}”，可填：${Object.values(POVERTY_CAUSE_LABELS).join("、")}`,
        });
    }
    const yearIdentified = year(v.yearIdentified, "识别年度", errors);
    const exitYear = year(v.exitYear, "脱贫年度", errors);
    if (exitYear !== null && st && st.status !== "exited")
      errors.push({ column: "脱贫年度", message: "只有已脱贫户才填脱贫年度" });
    if (v.notes.length > 500) errors.push({ column: "备注", message: "备注最多 500 个字" });
    if (errors.length > 0 || !id.ok || villageId === undefined || !type || !st || !hash) return { ok: false, errors };
    return {
      ok: true,
      value: {
        headName,
        idNumber: id.value,
        phone,
        villageId,
        groupId,
        memberCount,
        type,
        status: st.status,
        monitorKind: st.monitorKind,
        idNumberHash: hash,
        causes: [...new Set(causes)],
        yearIdentified,
        exitYear,
        notes: v.notes.trim() || null,
      },
    };
  },
  // Encryption happens once, at commit (validation runs at preview and again at commit).
  // Ciphertexts are bound to their rows, so the ids are reserved (a writer that took one of them
  // first makes the batch fail on the primary key: nothing is imported, the user retries).
  async statements(c, rows, prep) {
    const encoded = [];
    let rowId = await nextRowId(c.d1, "households");
    for (const r of rows) {
      const householdId = rowId++;
      const id = await idNumberColumns(prep.keys, householdId, r.idNumber, r.headName);
      const p = await phoneColumns(prep.keys, householdId, r.phone);
      encoded.push([
        householdId,
        r.villageId,
        r.groupId,
        r.headName,
        id.idNumberEnc,
        id.idNumberHash,
        id.selfQueryHash,
        id.idNumberFirst4,
        id.idNumberLast4,
        p.phoneEnc,
        p.phoneHash,
        p.phoneMasked,
        r.memberCount,
        r.type,
        "registered",
        null,
        r.causes,
        r.yearIdentified,
        r.exitYear,
        r.notes,
      ] as const);
    }
    const proposals = proposeForNewHouseholds(
      c,
      rows.map((r) => ({ idNumberHash: r.idNumberHash, toStatus: r.status, monitorKind: r.monitorKind })),
      "导入时提出的认定",
    );
    const inserts = bulkInsert(
      c.d1,
      "households",
      [
        "id",
        "village_id",
        "group_id",
        "head_name",
        "id_number_enc",
        "id_number_hash",
        "self_query_hash",
        "id_number_first4",
        "id_number_last4",
        "phone_enc",
        "phone_hash",
        "phone_masked",
        "member_count",
        "type",
        "status",
        "monitor_kind",
        "causes",
        "year_identified",
        "exit_year",
        "notes",
      ],
      encoded,
    );
    return [...inserts, ...proposals];
  },
  // The audit log never holds ID numbers or phones: counts and villages only.
  summary: (rows) => ({
    households: rows.length,
    proposedDecisions: rows.filter((r) => r.status !== "registered").length,
    villageIds: [...new Set(rows.map((r) => r.villageId))],
  }),
};
