import { z } from "@hono/zod-openapi";
import {
  ASSESSMENT_STATUSES,
  CONSEQUENCE_KINDS,
  EVIDENCE_SOURCES,
  GRADES,
  SUBJECT_KINDS,
  TEMPLATE_ROLES,
  VETO_CAPS,
} from "../../db/schema/tenant/assessment.ts";
import { Id } from "../pairings/schemas.ts";
import { PageQuery } from "../lib/paging.ts";
import {
  CONSEQUENCE_KIND_LABELS,
  EVIDENCE_SOURCE_LABELS,
  GRADE_LABELS,
  SUBJECT_KIND_LABELS,
  TEMPLATE_ROLE_LABELS,
} from "../../web/i18n/zh-CN.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const Year = z.coerce.number({ error: "请填写年度" }).int("年度无效").min(2000, "年度无效").max(2100, "年度无效");
const Comment = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(1000, `${what}最多 1000 个字`);

export const TemplateItem = z
  .object({
    title: z.string({ error: "请填写考核项目" }).trim().min(1, "请填写考核项目").max(100, "考核项目最多 100 个字"),
    source: z.enum(EVIDENCE_SOURCES, `依据只能是：${Object.values(EVIDENCE_SOURCE_LABELS).join("、")}`),
    weight: z.coerce
      .number({ error: "请填写分值" })
      .int("分值应为整数")
      .min(0, "分值不能为负")
      .max(100, "分值最多 100"),
    target: z.preprocess(
      blank,
      z.coerce.number().int("目标值应为整数").min(1, "目标值至少为 1").max(100_000).optional(),
    ),
    vetoCap: z.preprocess(blank, z.enum(VETO_CAPS, "一票否决上限无效").optional()),
  })
  .openapi("AssessmentTemplateItem");
export type TemplateItemInput = z.infer<typeof TemplateItem>;

/** Sources that count something and need a target (the count that earns full points, or zero points for 异议). */
const NEEDS_TARGET = new Set(["resident_days", "diary_entries", "upheld_objections", "inspection_problems"]);

export const TemplateCreate = z
  .object({
    year: Year,
    role: z.enum(TEMPLATE_ROLES, `请选择对象：${Object.values(TEMPLATE_ROLE_LABELS).join("、")}`),
    name: z.string({ error: "请填写清单名称" }).trim().min(1, "请填写清单名称").max(100, "清单名称最多 100 个字"),
    items: z.array(TemplateItem).min(1, "至少一个考核项目").max(30, "最多 30 个考核项目"),
  })
  .superRefine((v, ctx) => {
    let sum = 0;
    v.items.forEach((it, i) => {
      if (it.vetoCap) {
        if (it.weight !== 0)
          ctx.addIssue({
            code: "custom",
            path: ["items", i, "weight"],
            message: `第 ${i + 1} 项是一票否决项，分值应为 0`,
          });
      } else {
        sum += it.weight;
        if (it.source === "shell_village")
          ctx.addIssue({
            code: "custom",
            path: ["items", i, "source"],
            message: `第 ${i + 1} 项：空壳村只能作一票否决项`,
          });
        if (NEEDS_TARGET.has(it.source) && it.target === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["items", i, "target"],
            message: `第 ${i + 1} 项需要目标值（如全年驻村天数）`,
          });
      }
    });
    if (sum !== 100)
      ctx.addIssue({ code: "custom", path: ["items"], message: `各项分值合计应为 100 分（现为 ${sum} 分）` });
  })
  .openapi("AssessmentTemplateCreate");
export type TemplateCreateInput = z.infer<typeof TemplateCreate>;

export const AssessmentCreate = z
  .object({
    year: Year,
    subjectKind: z.enum(SUBJECT_KINDS, `请选择考核对象：${Object.values(SUBJECT_KIND_LABELS).join("、")}`),
    cadreId: z.preprocess(blank, Id("干部").optional()),
    villageId: z.preprocess(blank, Id("村").optional()),
    unitId: z.preprocess(blank, Id("单位").optional()),
    townshipCode: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{9}$/, "乡镇代码应为 9 位数字")
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    const need = { cadre: "cadreId", team: "villageId", unit: "unitId", township: "townshipCode" } as const;
    const field = need[v.subjectKind];
    if (v[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "请选择考核对象" });
  })
  .openapi("AssessmentCreate");
export type AssessmentCreateInput = z.infer<typeof AssessmentCreate>;

export const ScoreInput = z
  .object({
    itemId: Id("考核项目"),
    points: z.preprocess(blank, z.coerce.number().int("分数应为整数").min(0, "分数不能为负").optional()),
    triggered: z.preprocess(
      (v) => (v === "1" || v === "true" ? true : v === "0" || v === "false" ? false : v),
      z.boolean().optional(),
    ),
    comment: Comment("评分说明"),
  })
  .openapi("AssessmentScoreInput");
export type ScoreInputData = z.infer<typeof ScoreInput>;

export const GradeInput = z
  .object({
    grade: z.enum(GRADES, `请选择等次：${Object.values(GRADE_LABELS).join("、")}`),
    note: z.preprocess(blank, z.string().trim().max(1000, "说明最多 1000 个字").optional()),
  })
  .openapi("AssessmentGradeInput");

export const SignInput = z
  .object({
    level: z.enum(["village", "township"], "请选择签署层级：村级评议或乡镇审核"),
    signer: z.preprocess(blank, z.string().trim().max(50, "签署人最多 50 个字").optional()),
  })
  .openapi("AssessmentSignInput");

export const ConsequenceInput = z
  .object({
    kind: z.enum(CONSEQUENCE_KINDS, `请选择：${Object.values(CONSEQUENCE_KIND_LABELS).join("、")}`),
    note: Comment("说明"),
  })
  .openapi("AssessmentConsequenceInput");

export const AssessmentFilter = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  subjectKind: z.preprocess(blank, z.enum(SUBJECT_KINDS).optional()),
  status: z.preprocess(blank, z.enum(ASSESSMENT_STATUSES).optional()),
  cadreId: z.preprocess(blank, Id("干部").optional()),
});
export type AssessmentFilterInput = z.infer<typeof AssessmentFilter>;
export const AssessmentQuery = PageQuery.extend(AssessmentFilter.shape);

export const TemplateFilter = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
});

const Item = z.object({
  id: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  source: z.enum(EVIDENCE_SOURCES),
  weight: z.number().int(),
  target: z.number().int().nullable(),
  vetoCap: z.enum(VETO_CAPS).nullable(),
});
export const Template = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    role: z.enum(TEMPLATE_ROLES),
    name: z.string(),
    items: z.array(Item),
  })
  .openapi("AssessmentTemplate");
export const TemplateList = z.object({ items: z.array(Template) }).openapi("AssessmentTemplateList");

const Line = z.object({
  itemId: z.number().int(),
  title: z.string(),
  source: z.enum(EVIDENCE_SOURCES),
  weight: z.number().int(),
  vetoCap: z.enum(VETO_CAPS).nullable(),
  computed: z.boolean().openapi({ description: "由记录自动计算（否则人工评分）" }),
  value: z.number().nullable(),
  detail: z.string(),
  points: z.number().int().nullable(),
  triggered: z.boolean(),
  comment: z.string().nullable(),
});
export const Assessment = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    subjectKind: z.enum(SUBJECT_KINDS),
    subjectName: z.string(),
    cadreId: z.number().int().nullable(),
    villageId: z.number().int().nullable(),
    unitId: z.number().int().nullable(),
    townshipCode: z.string().nullable(),
    templateId: z.number().int(),
    status: z.enum(ASSESSMENT_STATUSES),
    grade: z.enum(GRADES).nullable(),
    gradeNote: z.string().nullable(),
    score: z.number().int(),
    complete: z.boolean(),
    cap: z.enum(GRADES).nullable().openapi({ description: "一票否决后可评的最高等次" }),
    suggestedGrade: z.enum(GRADES),
    lines: z.array(Line),
    signatures: z.object({
      village: z.object({
        by: z.number().int().nullable(),
        at: z.number().int().nullable(),
        signer: z.string().nullable(),
      }),
      township: z.object({ by: z.number().int().nullable(), at: z.number().int().nullable() }),
      county: z.object({ by: z.number().int().nullable(), at: z.number().int().nullable() }),
    }),
    consequences: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(CONSEQUENCE_KINDS),
        note: z.string(),
        assignmentId: z.number().int().nullable(),
      }),
    ),
  })
  .openapi("Assessment");
export const AssessmentSummary = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    subjectKind: z.enum(SUBJECT_KINDS),
    subjectName: z.string(),
    /** Whom it is about, by kind: links to 一人一档 and the team and unit records. */
    cadreId: z.number().int().nullable(),
    villageId: z.number().int().nullable(),
    unitId: z.number().int().nullable(),
    townshipCode: z.string().nullable(),
    status: z.enum(ASSESSMENT_STATUSES),
    grade: z.enum(GRADES).nullable(),
    score: z.number().int().nullable(),
  })
  .openapi("AssessmentSummary");
export const AssessmentPage = z
  .object({
    items: z.array(AssessmentSummary),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  })
  .openapi("AssessmentPage");
