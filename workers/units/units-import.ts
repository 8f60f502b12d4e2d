import { units, UNIT_KINDS, UNIT_LEVELS, type units as UnitsTable } from "../../db/schema/tenant/people.ts";
import type { ImportDefinition } from "../imports/definition.ts";
import { bulkInsert } from "../lib/bulk-insert.ts";
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from "../../web/i18n/zh-CN.ts";

type Kind = (typeof UnitsTable.$inferSelect)["kind"];
type Level = (typeof UnitsTable.$inferSelect)["level"];
type Key = "name" | "kind" | "level" | "contact";
interface Row {
  name: string;
  kind: Kind;
  level: Level;
  contact: string | null;
}
interface Prep {
  existing: Set<string>;
  seen: Set<string>;
}

/** Chinese labels as written in the spreadsheet; English keys work too. */
function lookup<K extends string>(labels: Record<K, string>, keys: readonly K[]): Map<string, K> {
  return new Map<string, K>([
    ...(Object.entries(labels) as [K, string][]).map(([k, v]) => [v, k] as const),
    ...keys.map((k) => [k, k] as const),
  ]);
}
const KIND = lookup(UNIT_KIND_LABELS, UNIT_KINDS);
const LEVEL = lookup(UNIT_LEVEL_LABELS, UNIT_LEVELS);

export const unitsImport: ImportDefinition<Key, Row, Prep> = {
  entity: "units",
  label: "帮扶单位",
  permission: "units.manage",
  columns: [
    { key: "name", header: "单位名称", aliases: ["名称", "派出单位", "帮扶单位"] },
    { key: "kind", header: "单位类别", aliases: ["类别", "单位性质"] },
    { key: "level", header: "单位层级", aliases: ["层级", "级别"] },
    { key: "contact", header: "联系方式", aliases: ["联系人", "联系电话"], required: false },
  ],
  example: [
    ["县委组织部", "党政机关", "县直", "组织科 028-88880000"],
    ["县人民医院", "医院", "县直", ""],
  ],
  async prepare(c) {
    const rows = await c.db.select({ name: units.name }).from(units).all();
    return { existing: new Set(rows.map((r) => r.name)), seen: new Set() };
  },
  validate(v, prep) {
    const errors: { column: string; message: string }[] = [];
    const name = v.name.trim();
    if (!name) errors.push({ column: "单位名称", message: "请填写单位名称" });
    else if (name.length > 80) errors.push({ column: "单位名称", message: "单位名称最多 80 个字" });
    else if (prep.existing.has(name)) errors.push({ column: "单位名称", message: "已有同名单位" });
    else if (prep.seen.has(name)) errors.push({ column: "单位名称", message: "文件中重复出现" });
    const kind = KIND.get(v.kind.trim());
    if (!kind)
      errors.push({
        column: "单位类别",
        message: `未知的单位类别“${v.kind}”，可填：${Object.values(UNIT_KIND_LABELS).join("、")}`,
      });
    const level = LEVEL.get(v.level.trim());
    if (!level)
      errors.push({
        column: "单位层级",
        message: `未知的单位层级“${v.level}”，可填：${Object.values(UNIT_LEVEL_LABELS).join("、")}`,
      });
    if (v.contact.length > 120) errors.push({ column: "联系方式", message: "联系方式最多 120 个字" });
    if (errors.length > 0 || !kind || !level) return { ok: false, errors };
    prep.seen.add(name);
    return { ok: true, value: { name, kind, level, contact: v.contact || null } };
  },
  statements(c, rows) {
    return bulkInsert(
      c.d1,
      "units",
      ["name", "kind", "level", "contact"],
      rows.map((r) => [r.name, r.kind, r.level, r.contact]),
    );
  },
  summary: (rows) => rows.map((r) => r.name),
};
