import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { parseYuanToFen } from "../lib/money.ts";
import { DecisionDetailPage, DecisionListPage, DecisionNewPage } from "../../web/pages/admin/village-decisions.tsx";
import { DecisionCreate, DecisionQuery, StageRecord } from "./schemas.ts";
import * as svc from "./service.ts";

export const villageDecisionsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "事项已登记", stage: "环节已记录" };

async function values(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v.trim();
  return out;
}

const int = (s: string | undefined) => (s === undefined || s === "" ? null : /^\d+$/.test(s) ? Number(s) : Number.NaN);

/** Form strings → the stage fields of the API (numbers, attachment lines). */
function stageInput(v: Record<string, string>) {
  return {
    date: v.date ?? "",
    eligible: int(v.eligible),
    attendees: int(v.attendees),
    votesFor: int(v.votesFor),
    votesAgainst: int(v.votesAgainst),
    votesAbstain: int(v.votesAbstain),
    summary: v.summary ?? "",
    attachments: (v.attachments ?? "")
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** Nested zod paths (proposed.date) name the same form fields as the flat form. */
const flat = (errs: FieldError[]) =>
  errs.map((e) => ({ ...e, field: e.field.replace(/^proposed\./, "").replace(/^amountFen$/, "amount") }));

villageDecisionsAdmin.get("/village-decisions", requirePermission("registry.read"), async (c) => {
  const raw = {
    villageCode: c.req.query("villageCode") || undefined,
    stage: c.req.query("stage") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = DecisionQuery.safeParse(raw);
  const list = await svc.listDecisions(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "四议两公开",
    nav: "village-decisions",
    flash: flashFrom(c, FLASH),
    children: (
      <DecisionListPage
        base={base(c)}
        {...list}
        filter={{ villageCode: raw.villageCode, stage: raw.stage }}
        canManage={can(c.var.user!.role, "disclosure.manage")}
      />
    ),
  });
});

villageDecisionsAdmin.get("/village-decisions/new", requirePermission("disclosure.manage"), (c) =>
  renderAdmin(c, {
    title: "登记四议两公开事项",
    nav: "village-decisions",
    children: (
      <DecisionNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        values={{ villageCode: c.req.query("village") ?? "" }}
      />
    ),
  }),
);

villageDecisionsAdmin.post("/village-decisions", requirePermission("disclosure.manage"), formCsrf, async (c) => {
  const v = await values(c);
  const again = (errors: FieldError[], message?: string) =>
    renderAdmin(c, {
      title: "登记四议两公开事项",
      nav: "village-decisions",
      status: 400,
      children: (
        <DecisionNewPage base={base(c)} csrf={c.var.user!.csrfToken} values={v} errors={errors} message={message} />
      ),
    });
  const errors: FieldError[] = [];
  let amountFen: number | null = null;
  if (v.amount) {
    const r = parseYuanToFen(v.amount);
    if (r.ok) amountFen = r.fen;
    else errors.push({ field: "amount", message: r.message });
  }
  const projectId = int(v.projectId);
  const parsed = DecisionCreate.safeParse({
    villageCode: v.villageCode,
    title: v.title,
    description: v.description,
    amountFen,
    projectId,
    requiresTownshipReview: v.requiresTownshipReview === "1",
    proposed: stageInput(v),
  });
  if (!parsed.success || errors.length)
    return again([...errors, ...(parsed.success ? [] : flat(fieldErrorsOf(parsed.error)))]);
  const done = await tryAction(() => svc.createDecision(c.var.ctx, parsed.data));
  if (!done.ok) return again(flat(done.error.fields), done.error.message);
  return c.redirect(`${base(c)}/village-decisions/${done.value.id}?done=created`, 303);
});

function decisionId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("not_found", "没有这个事项");
  return id;
}

async function detail(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const decision = await svc.getDecision(c.var.ctx, decisionId(c));
  return renderAdmin(c, {
    title: decision.title,
    nav: "village-decisions",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <DecisionDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        decision={decision}
        canManage={can(c.var.user!.role, "disclosure.manage")}
        tenantSlug={c.var.tenant.slug}
        {...extra}
      />
    ),
  });
}

villageDecisionsAdmin.get("/village-decisions/:id", requirePermission("registry.read"), (c) => detail(c));

villageDecisionsAdmin.post(
  "/village-decisions/:id/stages",
  requirePermission("disclosure.manage"),
  formCsrf,
  async (c) => {
    const v = await values(c);
    const parsed = StageRecord.safeParse({ stage: v.stage, ...stageInput(v) });
    if (!parsed.success) return detail(c, { values: v, errors: fieldErrorsOf(parsed.error) }, 400);
    const { stage, ...input } = parsed.data;
    const done = await tryAction(() => svc.recordStage(c.var.ctx, decisionId(c), stage, input));
    if (!done.ok)
      return detail(
        c,
        { values: v, errors: done.error.fields, message: done.error.message },
        done.error.status === 409 ? 409 : 400,
      );
    return c.redirect(`${base(c)}/village-decisions/${decisionId(c)}?done=stage`, 303);
  },
);
