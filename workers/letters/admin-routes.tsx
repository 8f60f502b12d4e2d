import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { SIX_GOALS } from "../../db/schema/tenant/supervision.ts";
import { type FailedForm, LetterDetailPage, LetterListPage, LetterNewPage } from "../../web/pages/admin/letters.tsx";
import { unitOptions } from "../units/service.ts";
import { LetterCreate, LetterQuery, MeasureCreate, MeasureUpdate } from "./schemas.ts";
import * as svc from "./service.ts";
import { getLetterScan, putLetterScan } from "./scan.ts";

export const lettersAdmin = new Hono<AppEnv>();
export const measuresAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "目标责任书已签订", measure: "帮扶措施已添加", progress: "进度已更新", scan: "扫描件已上传" };

const idOf = (c: Context<AppEnv>, what: string) => {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31) throw new AppError("not_found", `没有这${what}`);
  return id;
};

lettersAdmin.get("/", requirePermission("supervision.read"), async (c) => {
  const raw = { villageCode: c.req.query("villageCode") || undefined, page: c.req.query("page") || undefined };
  const parsed = LetterQuery.safeParse(raw);
  const page = await svc.listLetters(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "目标责任书",
    nav: "letters",
    flash: flashFrom(c, FLASH),
    children: (
      <LetterListPage base={base(c)} page={page} filter={raw} canManage={can(c.var.user!.role, "letters.manage")} />
    ),
  });
});

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "签订目标责任书",
    nav: "letters",
    status,
    children: (
      <LetterNewPage base={base(c)} csrf={c.var.user!.csrfToken} units={await unitOptions(c.var.ctx)} {...state} />
    ),
  });

lettersAdmin.get("/new", requirePermission("letters.manage"), (c) =>
  newPage(
    c,
    { values: { villageCode: c.req.query("village") ?? "", termStartYear: c.req.query("year") ?? "" }, errors: [] },
    200 as 400,
  ),
);

/** The form's six goal fields (`goal_leadership` …) → the API's `goals` object. */
const letterInput = (v: TextValues) => ({
  unitId: v.unitId,
  villageCode: v.villageCode,
  termStartYear: v.termStartYear,
  signedDate: v.signedDate,
  termGoal: v.termGoal,
  goals: Object.fromEntries(SIX_GOALS.map((g) => [g, v[`goal_${g}`]?.trim() || undefined])),
});

lettersAdmin.post(
  "/",
  requirePermission("letters.manage"),
  formCsrf,
  formValidator(LetterCreate, newPage, {
    input: letterInput,
    fields: (f) => (f.startsWith("goals.") ? `goal_${f.slice(6)}` : f),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createLetter(c.var.ctx, data),
      (l) => `${base(c)}/letters/${l.id}?done=created`,
    );
  },
);

async function detail(c: Context<AppEnv>, id: number, failed?: FailedForm, status: 200 | 400 | 409 | 413 | 415 = 200) {
  const letter = await svc.getLetter(c.var.ctx, id);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: `${letter.villageName}目标责任书`,
    nav: "letters",
    status: status as 200,
    flash: flashFrom(c, FLASH),
    children: (
      <LetterDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        letter={letter}
        canManage={can(role, "letters.manage")}
        canProgress={can(role, "measures.progress")}
        tenantSlug={c.var.tenant.slug}
        failed={failed}
      />
    ),
  });
}

lettersAdmin.get("/:id", requirePermission("supervision.read"), (c) => detail(c, idOf(c, "份责任书")));

const failedPage =
  (form: string, id: (c: Context<AppEnv>) => number | Promise<number>): FormPage<TextValues> =>
  async (c, state: FormState<TextValues>, status) =>
    detail(c, await id(c), { form, ...state }, status);

const measurePage = failedPage("measure", (c) => idOf(c, "份责任书"));
lettersAdmin.post(
  "/:id/measures",
  requirePermission("letters.manage"),
  formCsrf,
  formValidator(MeasureCreate, measurePage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const id = idOf(c, "份责任书");
    return submitForm(
      c,
      measurePage,
      values,
      () => svc.addMeasure(c.var.ctx, id, data),
      () => `${base(c)}/letters/${id}?done=measure`,
    );
  },
);

const letterOfMeasure = async (c: Context<AppEnv>) => (await svc.getMeasure(c.var.ctx, idOf(c, "项措施"))).letter.id;
const progressPage: FormPage<TextValues> = async (c, state, status) =>
  detail(c, await letterOfMeasure(c), { form: `measure-${idOf(c, "项措施")}`, ...state }, status);
measuresAdmin.post(
  "/:id",
  requirePermission("measures.progress"),
  formCsrf,
  formValidator(MeasureUpdate, progressPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const letterId = await letterOfMeasure(c);
    return submitForm(
      c,
      progressPage,
      values,
      () => svc.updateMeasure(c.var.ctx, idOf(c, "项措施"), data),
      () => `${base(c)}/letters/${letterId}?done=progress`,
    );
  },
);

lettersAdmin.post("/:id/scan", requirePermission("letters.manage"), formCsrf, async (c) => {
  const id = idOf(c, "份责任书");
  const body = await c.req.parseBody();
  const file = body.scan;
  try {
    if (!(file instanceof File))
      throw new AppError("validation_failed", "请选择扫描件文件", {
        fields: [{ field: "scan", message: "请选择扫描件文件" }],
      });
    await putLetterScan(c.var.ctx, id, file.name, new Uint8Array(await file.arrayBuffer()));
  } catch (err) {
    if (
      !(err instanceof AppError) ||
      !["validation_failed", "payload_too_large", "unsupported_media_type"].includes(err.code)
    )
      throw err;
    return detail(c, id, { form: "scan", values: {}, errors: err.fields, message: err.message }, err.status as 400);
  }
  return c.redirect(`${base(c)}/letters/${id}?done=scan`, 303);
});

lettersAdmin.get("/:id/scan", requirePermission("supervision.read"), async (c) => {
  const scan = await getLetterScan(c.var.ctx, idOf(c, "份责任书"));
  return new Response(scan.bytes, {
    headers: {
      "Content-Type": scan.type,
      "Content-Disposition": `inline; filename="letter-scan"; filename*=UTF-8''${encodeURIComponent(scan.name)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
