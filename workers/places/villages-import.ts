import { townships, villages, VILLAGE_TAGS, type VillageTag } from "../../db/schema/tenant/places.ts";
import type { ImportDefinition } from "../imports/definition.ts";
import { checkDivisionCode } from "../lib/division-code.ts";
import { bulkInsert } from "../lib/bulk-insert.ts";
import { VILLAGE_TAG_LABELS } from "../../web/i18n/zh-CN.ts";
import { scopeOf } from "../domain/scope.ts";

type Key = "code" | "name" | "tags" | "notes";
interface Row {
  code: string;
  name: string;
  townshipCode: string;
  tags: VillageTag[];
  notes: string | null;
}
interface Prep {
  townships: Set<string>;
  existing: Set<string>;
  seen: Set<string>;
  scopeTownship: string | null;
}

/** Tags are written in Chinese in the spreadsheet (贫困村、软弱涣散村); English keys work too. */
const TAG_BY_LABEL = new Map<string, VillageTag>([
  ...Object.entries(VILLAGE_TAG_LABELS).map(([k, v]) => [v, k as VillageTag] as const),
  ...VILLAGE_TAGS.map((t) => [t, t] as const),
]);

export const villagesImport: ImportDefinition<Key, Row, Prep> = {
  entity: "villages",
  label: "村（社区）",
  permission: "villages.manage",
  columns: [
    { key: "code", header: "村级区划代码", aliases: ["区划代码", "村代码", "统计用区划代码"] },
    { key: "name", header: "村名称", aliases: ["名称", "村（社区）名称"] },
    { key: "tags", header: "村类别", aliases: ["标签", "类别"], required: false },
    { key: "notes", header: "备注", required: false },
  ],
  example: [
    ["510112101201", "桃源村", "贫困村、软弱涣散村", ""],
    ["510112101202", "石经村", "", "示范村创建中"],
  ],
  async prepare(c) {
    const [ts, vs] = await Promise.all([
      c.db.select({ code: townships.code }).from(townships).all(),
      c.db.select({ code: villages.code }).from(villages).all(),
    ]);
    const scope = scopeOf(c.user!);
    return {
      townships: new Set(ts.map((t) => t.code)),
      existing: new Set(vs.map((v) => v.code)),
      seen: new Set(),
      scopeTownship: scope.kind === "township" ? scope.townshipCode : null,
    };
  },
  validate(v, prep) {
    const errors: { column: string; message: string }[] = [];
    const code = checkDivisionCode("village", v.code, v.code.trim().slice(0, 9));
    if (!code.ok) errors.push({ column: "村级区划代码", message: code.message });
    else if (!prep.townships.has(code.value.slice(0, 9)))
      errors.push({ column: "村级区划代码", message: `前 9 位 ${code.value.slice(0, 9)} 不是本地区已登记的乡镇` });
    else if (prep.scopeTownship && code.value.slice(0, 9) !== prep.scopeTownship)
      errors.push({ column: "村级区划代码", message: "不在您管辖的乡镇内" });
    else if (prep.existing.has(code.value)) errors.push({ column: "村级区划代码", message: "该村已登记" });
    else if (prep.seen.has(code.value)) errors.push({ column: "村级区划代码", message: "文件中重复出现" });
    if (!v.name) errors.push({ column: "村名称", message: "请填写村名称" });
    else if (v.name.length > 60) errors.push({ column: "村名称", message: "名称最多 60 个字" });
    const tags: VillageTag[] = [];
    for (const t of v.tags.split(/[,，、;；\s]+/).filter(Boolean)) {
      const tag = TAG_BY_LABEL.get(t);
      if (tag) tags.push(tag);
      else
        errors.push({
          column: "村类别",
          message: `未知的村类别“${t}”，可填：${Object.values(VILLAGE_TAG_LABELS).join("、")}`,
        });
    }
    if (errors.length > 0 || !code.ok) return { ok: false, errors };
    prep.seen.add(code.value);
    return {
      ok: true,
      value: {
        code: code.value,
        name: v.name,
        townshipCode: code.value.slice(0, 9),
        tags: [...new Set(tags)],
        notes: v.notes || null,
      },
    };
  },
  statements(c, rows) {
    return bulkInsert(
      c.d1,
      "villages",
      ["code", "name", "township_code", "tags", "notes"],
      rows.map((r) => [r.code, r.name, r.townshipCode, r.tags, r.notes]),
    );
  },
  summary: (rows) => rows.map((r) => r.code),
};
