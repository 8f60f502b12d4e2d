import { PAIRING_KINDS, type PairingKind } from "../../db/schema/tenant/pairings.ts";
import type { ImportDefinition } from "../imports/definition.ts";
import { bulkInsert } from "../lib/bulk-insert.ts";
import { isValidDate } from "../lib/dates.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { searchHashes, type PiiKeys } from "../lib/pii-crypto.ts";

import { scopeOf } from "../domain/scope.ts";
import { getSettings } from "../settings/service.ts";
import { PAIRING_KIND_LABELS, UNIT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import { hasAnyTag, NOT_A_STRONG_VILLAGE, PAIRING_SIDES } from "./rules.ts";

type Key = "kind" | "helper" | "helped" | "startDate" | "letterRef" | "notes";
interface Row {
  kind: PairingKind;
  helperUnitId: number | null;
  helperCadreId: number | null;
  helperVillageId: number | null;
  villageId: number | null;
  householdId: number | null;
  startDate: string;
  letterRef: string | null;
  notes: string | null;
}
interface Prep {
  keys: PiiKeys;
  township: string | null;
  cap: number;
  units: Map<string, { id: number; kind: string }>;
  cadres: { id: number; name: string; unitName: string }[];
  villages: Map<string, { id: number; townshipCode: string; tags: string }>;
  /** villages with an active strong-village helper (强村带弱村), counting earlier rows */
  strongHelped: Set<number>;
  /** id_number_hash → household */
  households: Map<string, { id: number; townshipCode: string }>;
  /** households that already have (or get, earlier in the file) an active responsible cadre */
  responsible: Set<number>;
  /** active household pairings per cadre, counting earlier rows of the file */
  load: Map<number, number>;
  /** kind|helper|village of active non-household pairings, counting earlier rows */
  pairs: Set<string>;
}

/** The kind is written in Chinese in the spreadsheet (单位包村, 干部结对户 …); keys work too. */
const KIND_BY_LABEL = new Map<string, PairingKind>([
  ...Object.entries(PAIRING_KIND_LABELS).map(([k, v]) => [v, k as PairingKind] as const),
  ...PAIRING_KINDS.map((k) => [k, k] as const),
  ["部门联村", "unit_village"],
  ["干部结对", "cadre_household"],
  ["结对帮扶户", "cadre_household"],
  ["富村带穷村", "village_village"],
]);

/** 2025-3-1, 2025/03/01 and 2025.3.1 are what Excel users type; store YYYY-MM-DD. */
function normalizeDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isValidDate(d) ? d : null;
}

export const pairingsImport: ImportDefinition<Key, Row, Prep> = {
  entity: "pairings",
  label: "结对帮扶",
  permission: "pairings.manage",
  columns: [
    { key: "kind", header: "结对类型", aliases: ["类型"] },
    { key: "helper", header: "帮扶方", aliases: ["帮扶单位", "帮扶干部", "帮扶方（单位/干部/村代码）"] },
    { key: "helped", header: "被帮扶方", aliases: ["被帮扶村", "被帮扶户", "被帮扶方（村代码/户主身份证号）"] },
    { key: "startDate", header: "开始日期", aliases: ["结对日期", "起始日期"] },
    { key: "letterRef", header: "目标责任书", aliases: ["目标责任书编号", "责任书"], required: false },
    { key: "notes", header: "备注", required: false },
  ],
  example: [
    ["单位包村", "区财政局", "510112101201", "2025-03-01", "龙组〔2025〕3号", ""],
    ["干部结对户", "张明（区财政局）", "510112198001010011", "2025-03-01", "", "1+3 结对"],
    ["强村带弱村", "510112101202", "510112101201", "2025-03-01", "", ""],
  ],
  async prepare(c) {
    const d1 = c.d1;
    const [units, cadres, villages, households, active, settings, keys] = await Promise.all([
      d1.prepare("SELECT id, name, kind FROM units").all<{ id: number; name: string; kind: string }>(),
      d1
        .prepare("SELECT c.id, c.name, u.name AS unitName FROM cadres c JOIN units u ON u.id = c.unit_id")
        .all<{ id: number; name: string; unitName: string }>(),
      d1
        .prepare("SELECT id, code, township_code AS townshipCode, tags FROM villages")
        .all<{ id: number; code: string; townshipCode: string; tags: string }>(),
      d1
        .prepare(
          "SELECT h.id, h.id_number_hash AS hash, v.township_code AS townshipCode FROM households h JOIN villages v ON v.id = h.village_id",
        )
        .all<{ id: number; hash: string; townshipCode: string }>(),
      d1
        .prepare(
          "SELECT kind, helper_unit_id AS u, helper_cadre_id AS c, helper_village_id AS v, village_id AS vid, household_id AS h FROM pairings WHERE status = 'active'",
        )
        .all<{
          kind: PairingKind;
          u: number | null;
          c: number | null;
          v: number | null;
          vid: number | null;
          h: number | null;
        }>(),
      getSettings(c),
      c.piiKeys(),
    ]);
    const scope = scopeOf(c.user!);
    const prep: Prep = {
      keys,
      township: scope.kind === "township" ? scope.townshipCode : null,
      cap: settings.householdCapPerCadre,
      units: new Map(units.results.map((u) => [u.name, u])),
      cadres: cadres.results,
      villages: new Map(villages.results.map((v) => [v.code, v])),
      households: new Map(households.results.map((h) => [h.hash, h])),
      responsible: new Set(),
      load: new Map(),
      pairs: new Set(),
      strongHelped: new Set(),
    };
    for (const p of active.results) {
      if (p.kind === "cadre_household") {
        prep.responsible.add(p.h!);
        prep.load.set(p.c!, (prep.load.get(p.c!) ?? 0) + 1);
      } else prep.pairs.add(`${p.kind}|${p.u ?? p.c ?? p.v}|${p.vid}`);
      if (p.kind === "village_village" && p.vid != null) prep.strongHelped.add(p.vid);
    }
    return prep;
  },
  async validate(v, prep) {
    const errors: { column: string; message: string }[] = [];
    const err = (column: string, message: string) => errors.push({ column, message });
    const kind = KIND_BY_LABEL.get(v.kind.trim());
    if (!kind) {
      err("结对类型", `未知的结对类型“${v.kind}”，可填：${Object.values(PAIRING_KIND_LABELS).join("、")}`);
      return { ok: false, errors };
    }
    const sides = PAIRING_SIDES[kind];
    const row: Row = {
      kind,
      helperUnitId: null,
      helperCadreId: null,
      helperVillageId: null,
      villageId: null,
      householdId: null,
      startDate: "",
      letterRef: v.letterRef || null,
      notes: v.notes || null,
    };
    const helper = v.helper.trim();
    const helped = v.helped.trim();

    // 帮扶方
    if (!helper) err("帮扶方", "请填写帮扶方");
    else if (sides.helper === "helperUnitId") {
      const unit = prep.units.get(helper);
      if (!unit) err("帮扶方", `没有名为“${helper}”的帮扶单位，请先登记单位`);
      else if (sides.unitKinds && !(sides.unitKinds as readonly string[]).includes(unit.kind))
        err(
          "帮扶方",
          `${PAIRING_KIND_LABELS[kind]}的帮扶方须是企业，“${helper}”是${UNIT_KIND_LABELS[unit.kind as keyof typeof UNIT_KIND_LABELS] ?? unit.kind}`,
        );
      else row.helperUnitId = unit.id;
    } else if (sides.helper === "helperCadreId") {
      let found: { id: number }[];
      if (/^\d+$/.test(helper)) found = prep.cadres.filter((x) => x.id === Number(helper));
      else {
        const m = /^(.+?)\s*[（(/／\s]\s*(.+?)\s*[）)]?$/.exec(helper);
        found = m
          ? prep.cadres.filter((x) => x.name === m[1] && x.unitName === m[2])
          : prep.cadres.filter((x) => x.name === helper);
      }
      if (found.length === 0) err("帮扶方", `没有找到干部“${helper}”：请填写干部编号，或“姓名（单位）”`);
      else if (found.length > 1) err("帮扶方", `同名干部有 ${found.length} 人，请写成“姓名（单位）”或填写干部编号`);
      else row.helperCadreId = found[0]!.id;
    } else {
      const village = prep.villages.get(helper);
      if (!village) err("帮扶方", `没有代码为“${helper}”的村（须填 12 位村级区划代码）`);
      else if (hasAnyTag(JSON.parse(village.tags) as string[], NOT_A_STRONG_VILLAGE))
        err("帮扶方", "强村带弱村的帮扶村须是强村，不能是贫困村、软弱涣散村或集体经济空壳村");
      else row.helperVillageId = village.id;
    }

    // 被帮扶方
    if (!helped) err("被帮扶方", "请填写被帮扶方");
    else if (sides.helped === "villageId") {
      const village = prep.villages.get(helped);
      if (!village) err("被帮扶方", `没有代码为“${helped}”的村（须填 12 位村级区划代码）`);
      else if (prep.township && village.townshipCode !== prep.township) err("被帮扶方", "该村不在您管辖的乡镇内");
      else if (village.id === row.helperVillageId) err("被帮扶方", "强村带弱村须是两个不同的村");
      else row.villageId = village.id;
    } else {
      const id = validateIdNumber(helped);
      if (!id.ok) err("被帮扶方", `户主身份证号有误：${id.message}`);
      else {
        const h = (await searchHashes(prep.keys, id.value))
          .map((x) => prep.households.get(x))
          .find((x) => x !== undefined);
        if (!h) err("被帮扶方", "没有找到以该身份证号登记的农户，请先登记农户");
        else if (prep.township && h.townshipCode !== prep.township) err("被帮扶方", "该户不在您管辖的乡镇内");
        else if (prep.responsible.has(h.id))
          err("被帮扶方", "该户已有帮扶责任人（或在文件中重复出现），一户只能有一名帮扶责任人");
        else row.householdId = h.id;
      }
    }

    const start = normalizeDate(v.startDate);
    if (!start) err("开始日期", "请填写有效日期，如 2025-03-01");
    else row.startDate = start;
    if (v.letterRef.length > 100) err("目标责任书", "最多 100 个字");
    if (v.notes.length > 500) err("备注", "最多 500 个字");

    if (errors.length === 0 && kind === "cadre_household") {
      const n = prep.load.get(row.helperCadreId!) ?? 0;
      if (n >= prep.cap)
        err("帮扶方", `该干部已结对 ${n} 户（含文件中前面的行），达到每名干部最多 ${prep.cap} 户的上限`);
    }
    const pairKey = `${kind}|${row.helperUnitId ?? row.helperCadreId ?? row.helperVillageId}|${row.villageId}`;
    if (errors.length === 0 && kind !== "cadre_household" && prep.pairs.has(pairKey))
      err("被帮扶方", `已有相同的${PAIRING_KIND_LABELS[kind]}结对（或在文件中重复出现）`);
    if (errors.length === 0 && kind === "village_village" && prep.strongHelped.has(row.villageId!))
      err("被帮扶方", "该村已有帮扶强村（或在文件中重复出现）：一个村只能有一个帮扶强村");
    if (errors.length > 0) return { ok: false, errors };
    if (kind === "village_village") prep.strongHelped.add(row.villageId!);
    if (kind === "cadre_household") {
      prep.responsible.add(row.householdId!);
      prep.load.set(row.helperCadreId!, (prep.load.get(row.helperCadreId!) ?? 0) + 1);
    } else prep.pairs.add(pairKey);
    return { ok: true, value: row };
  },
  statements(c, rows) {
    return bulkInsert(
      c.d1,
      "pairings",
      [
        "kind",
        "helper_unit_id",
        "helper_cadre_id",
        "helper_village_id",
        "village_id",
        "household_id",
        "start_date",
        "letter_ref",
        "notes",
      ],
      rows.map((r) => [
        r.kind,
        r.helperUnitId,
        r.helperCadreId,
        r.helperVillageId,
        r.villageId,
        r.householdId,
        r.startDate,
        r.letterRef,
        r.notes,
      ]),
    );
  },
  summary: (rows) => ({
    kinds: countBy(rows.map((r) => r.kind)),
  }),
};

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}
