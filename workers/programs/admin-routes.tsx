import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction, formStrings } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { parseYuanToFen } from "../lib/money.ts";
import { todayInChina } from "../lib/dates.ts";
import { listBatches } from "../batches/queries.ts";
import { ProgramDetailPage, ProgramListPage } from "../../web/pages/admin/programs.tsx";
import { ProgramCreate } from "./schemas.ts";
import { createProgram, getProgram, listPrograms, setBudget } from "./service.ts";

export const programsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "资金项目已创建", budget: "预算已下达" };
const thisYear = () => Number(todayInChina().slice(0, 4));

const formValues = formStrings;

async function listPage(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
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

programsAdmin.get("/programs", requirePermission("money.read"), (c) => listPage(c));

/** The form speaks yuan and checkboxes; the API schema speaks fen and booleans. */
programsAdmin.post("/programs", requirePermission("programs.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const errors: FieldError[] = [];
  let ruleAmountFen: number | undefined;
  if (values.ruleAmount?.trim()) {
    const fen = parseYuanToFen(values.ruleAmount);
    if (fen.ok) ruleAmountFen = fen.fen;
    else errors.push({ field: "ruleAmount", message: fen.message });
  }
  const int = (field: string, fallback: number) => {
    const raw = values[field]?.trim() ?? "";
    if (raw === "") return fallback;
    if (!/^\d{1,3}$/.test(raw)) {
      errors.push({ field, message: "请填写整数" });
      return fallback;
    }
    return Number(raw);
  };
  const input = {
    name: values.name ?? "",
    category: values.category || undefined,
    fundSource: values.fundSource || undefined,
    recipientKind: values.recipientKind || undefined,
    ruleKind: values.ruleKind || undefined,
    ruleAmountFen,
    honourUpliftPct: int("honourUpliftPct", 0),
    noticeDays: int("noticeDays", 7),
    allowRepeat: values.allowRepeat === "1",
    notes: values.notes?.trim() || undefined,
  };
  const parsed = ProgramCreate.safeParse(input);
  if (!parsed.success)
    errors.push(
      ...fieldErrorsOf(parsed.error).map((e) => (e.field === "ruleAmountFen" ? { ...e, field: "ruleAmount" } : e)),
    );
  if (errors.length > 0 || !parsed.success) return listPage(c, { values, errors }, 400);
  const done = await tryAction(() => createProgram(c.var.ctx, parsed.data));
  if (!done.ok) return listPage(c, { values, errors: done.error.fields, message: done.error.message }, 400);
  return c.redirect(`${base(c)}/programs/${done.value.id}?done=created`, 303);
});

function idOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "没有这个资金项目");
  return id;
}

async function detail(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const program = await getProgram(c.var.ctx, idOf(c));
  const batches = await listBatches(c.var.ctx, { programId: program.id, page: 1, size: 200 });
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
        batches={batches.items}
        year={thisYear()}
        canManage={can(c.var.user!.role, "programs.manage")}
        {...extra}
      />
    ),
  });
}

programsAdmin.get("/programs/:id{[0-9]+}", requirePermission("money.read"), (c) => detail(c));

programsAdmin.post("/programs/:id{[0-9]+}/budgets", requirePermission("programs.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const errors: FieldError[] = [];
  const year = Number(values.year);
  if (!/^\d{4}$/.test(values.year ?? "") || year < 2000 || year > 2100)
    errors.push({ field: "year", message: "请填写 2000–2100 之间的年份" });
  const fen = parseYuanToFen(values.budget ?? "");
  if (!fen.ok) errors.push({ field: "budget", message: fen.message });
  if (errors.length > 0 || !fen.ok) return detail(c, { values, errors }, 400);
  const done = await tryAction(() => setBudget(c.var.ctx, idOf(c), year, fen.fen));
  if (!done.ok)
    return detail(
      c,
      { values, errors: [{ field: "budget", message: done.error.message }], message: done.error.message },
      done.error.status === 409 ? 409 : 400,
    );
  return c.redirect(`${base(c)}/programs/${idOf(c)}?done=budget`, 303);
});
