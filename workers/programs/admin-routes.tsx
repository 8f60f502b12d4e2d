import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import {
  type FormState,
  FormYear,
  formValidator,
  submitForm,
  type TextValues,
  yuanToFen,
} from "../platform/admin-form.ts";
import { z } from "zod";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { todayInChina } from "../lib/dates.ts";
import { ProgramDetailPage, ProgramListPage } from "../../web/pages/admin/programs.tsx";
import { ProgramCreate } from "./schemas.ts";
import { createProgram, getProgram, listPrograms, programBatches, setBudget } from "./service.ts";

export const programsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "资金项目已创建", budget: "预算已下达" };
const thisYear = () => Number(todayInChina().slice(0, 4));

/** A small whole number typed on the form, or `fallback` when left empty. */
function smallInt(raw: string | undefined, fallback: number, field: string, fail: (f: string, m: string) => void) {
  const s = raw?.trim() ?? "";
  if (s === "") return fallback;
  if (/^\d{1,3}$/.test(s)) return Number(s);
  fail(field, "请填写整数");
  return fallback;
}

async function listPage(c: Context<AppEnv>, extra: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
  return renderAdmin(c, {
    title: "资金项目",
    nav: "programs",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <ProgramListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        year={thisYear()}
        programs={await listPrograms(c.var.ctx)}
        canManage={can(c.var.user!.role, "programs.manage")}
        {...extra}
      />
    ),
  });
}

programsAdmin.get("/", requirePermission("money.read"), (c) => listPage(c));

/** The form speaks yuan and checkboxes; the API schema speaks fen and booleans. */
programsAdmin.post(
  "/",
  requirePermission("programs.manage"),
  formCsrf,
  formValidator(ProgramCreate, listPage, {
    input: (v, fail) => ({
      name: v.name ?? "",
      category: v.category || undefined,
      fundSource: v.fundSource || undefined,
      recipientKind: v.recipientKind || undefined,
      ruleKind: v.ruleKind || undefined,
      ruleAmountFen: v.ruleAmount?.trim() ? yuanToFen(v.ruleAmount, "ruleAmount", fail) : undefined,
      honourUpliftPct: smallInt(v.honourUpliftPct, 0, "honourUpliftPct", fail),
      noticeDays: smallInt(v.noticeDays, 7, "noticeDays", fail),
      allowRepeat: v.allowRepeat === "1",
      notes: v.notes?.trim() || undefined,
    }),
    fields: { ruleAmountFen: "ruleAmount" },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      listPage,
      values,
      () => createProgram(c.var.ctx, data),
      (program) => `${base(c)}/programs/${program.id}?done=created`,
    );
  },
);

function idOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "没有这个资金项目");
  return id;
}

async function detail(c: Context<AppEnv>, extra: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
  const program = await getProgram(c.var.ctx, idOf(c));
  const batches = await programBatches(c.var.ctx, program.id);
  return renderAdmin(c, {
    title: program.name,
    nav: "programs",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <ProgramDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        program={program}
        batches={batches}
        year={thisYear()}
        canManage={can(c.var.user!.role, "programs.manage")}
        {...extra}
      />
    ),
  });
}

programsAdmin.get("/:id{[0-9]+}", requirePermission("money.read"), (c) => detail(c));

/** A year and an amount in yuan; the budget is per program and year. */
const BudgetForm = z.object({
  year: FormYear,
  budgetFen: z.number().int(),
});

programsAdmin.post(
  "/:id{[0-9]+}/budgets",
  requirePermission("programs.manage"),
  formCsrf,
  formValidator(BudgetForm, detail, {
    input: (v, fail) => ({
      year: v.year ?? "",
      budgetFen: yuanToFen(v.budget, "budget", fail),
    }),
    fields: { budgetFen: "budget" },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail,
      values,
      () => setBudget(c.var.ctx, idOf(c), data.year, data.budgetFen),
      () => `${base(c)}/programs/${idOf(c)}?done=budget`,
      // The budget form has one amount; what the service refuses is about it.
      { errors: (err) => [{ field: "budget", message: err.message }] },
    );
  },
);
