import { z } from "@hono/zod-openapi";
import { PAIRING_KINDS } from "../../db/schema/tenant/pairings.ts";
import { PageQuery } from "../lib/paging.ts";
import { isValidDate } from "../lib/dates.ts";
import { PAIRING_KIND_LABELS, PAIRING_SIDE_LABELS } from "../../web/i18n/zh-CN.ts";
import { PAIRING_SIDES, SIDE_FIELDS } from "./rules.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
export const Id = (what: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `请选择${what}` })
      .int(`${what}编号无效`)
      .positive(`${what}编号无效`)
      .max(2 ** 31, `${what}编号无效`),
  );
export const DateStr = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .refine(isValidDate, `${what}应为有效日期，格式如 2025-03-01`);
const Text = (max: number, what: string) =>
  z.preprocess(blank, z.string().trim().max(max, `${what}最多 ${max} 个字`).optional());

export const PairingCreate = z
  .object({
    kind: z.enum(PAIRING_KINDS, `请选择结对类型：${Object.values(PAIRING_KIND_LABELS).join("、")}`),
    helperUnitId: Id("帮扶单位").optional(),
    helperCadreId: Id("帮扶干部").optional(),
    helperVillageId: Id("帮扶村").optional(),
    villageId: Id("被帮扶村").optional(),
    householdId: Id("被帮扶户").optional(),
    startDate: DateStr("开始日期"),
    letterRef: Text(100, "目标责任书编号"),
    notes: Text(500, "备注"),
  })
  .superRefine((v, ctx) => {
    const sides = PAIRING_SIDES[v.kind];
    if (!sides) return;
    for (const f of SIDE_FIELDS) {
      const used = f === sides.helper || f === sides.helped;
      if (used && v[f] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [f],
          message: `${PAIRING_KIND_LABELS[v.kind]}须选择${PAIRING_SIDE_LABELS[f]}`,
        });
      if (!used && v[f] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [f],
          message: `${PAIRING_KIND_LABELS[v.kind]}不填写${PAIRING_SIDE_LABELS[f]}`,
        });
    }
    if (v.kind === "village_village" && v.helperVillageId !== undefined && v.helperVillageId === v.villageId)
      ctx.addIssue({ code: "custom", path: ["villageId"], message: "强村带弱村须是两个不同的村" });
  })
  .openapi("PairingCreate", {
    description:
      "各类型使用的双方：单位包村/支部共建/村企联建 helperUnitId+villageId；干部结对户 helperCadreId+householdId；领导挂点 helperCadreId+villageId；强村带弱村 helperVillageId+villageId",
  });
export type PairingCreateInput = z.infer<typeof PairingCreate>;

export const PairingUpdate = z
  .object({
    letterRef: z.preprocess(
      (v) => (v === "" ? null : v),
      z.string().trim().max(100, "目标责任书编号最多 100 个字").nullable().optional(),
    ),
    notes: z.preprocess(
      (v) => (v === "" ? null : v),
      z.string().trim().max(500, "备注最多 500 个字").nullable().optional(),
    ),
  })
  .openapi("PairingUpdate");
export type PairingUpdateInput = z.infer<typeof PairingUpdate>;

const Reason = z.string({ error: "请填写原因" }).trim().min(1, "请填写原因").max(200, "原因最多 200 个字");
export const PairingEnd = z.object({ date: DateStr("结束日期"), reason: Reason }).openapi("PairingEnd");
export const PairingHandover = z
  .object({
    toCadreId: Id("接手干部").optional().openapi({ description: "干部结对户：接手干部" }),
    toUnitId: Id("接手单位").optional().openapi({ description: "单位包村（贫困村）：接手单位" }),
    date: DateStr("移交日期"),
    reason: Reason,
  })
  .openapi("PairingHandover");
export type PairingEndInput = z.infer<typeof PairingEnd>;
export type PairingHandoverInput = z.infer<typeof PairingHandover>;

export const PairingFilter = z.object({
  kind: z.preprocess(blank, z.enum(PAIRING_KINDS, "未知的结对类型").optional()),
  status: z.preprocess(blank, z.enum(["active", "ended", "handed_over"], "未知的结对状态").optional()),
  villageId: Id("村").optional(),
  cadreId: Id("干部").optional(),
  unitId: Id("单位").optional(),
  householdId: Id("农户").optional(),
});
export const PairingQuery = PageQuery.extend(PairingFilter.shape);
export type PairingFilterInput = z.infer<typeof PairingFilter>;

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive("编号无效")
    .max(2 ** 31)
    .openapi({ param: { name: "id", in: "path" } }),
});

const nint = z.number().int().nullable();
const nstr = z.string().nullable();
export const Pairing = z
  .object({
    id: z.number().int(),
    kind: z.enum(PAIRING_KINDS),
    status: z.enum(["active", "ended", "handed_over"]),
    helperUnitId: nint,
    helperUnitName: nstr,
    helperCadreId: nint,
    helperCadreName: nstr,
    helperCadreUnitName: nstr,
    helperVillageId: nint,
    helperVillageCode: nstr,
    helperVillageName: nstr,
    villageId: nint,
    villageCode: nstr,
    villageName: nstr,
    householdId: nint,
    householdHeadName: nstr,
    householdStatus: nstr,
    townshipCode: nstr,
    townshipName: nstr,
    startDate: z.string(),
    endDate: nstr,
    letterRef: nstr,
    notes: nstr,
    endReason: nstr,
    handedOverToId: nint,
  })
  .openapi("Pairing");
export const PairingPage = z
  .object({ items: z.array(Pairing), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("PairingPage");
export const HandoverResult = z.object({ previous: Pairing, current: Pairing }).openapi("PairingHandoverResult");
