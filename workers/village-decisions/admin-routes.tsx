import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import {
  type FormPage,
  type FormState,
  formValidator,
  submitForm,
  type TextValues,
  yuanToFen,
} from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { DecisionDetailPage, DecisionListPage, DecisionNewPage } from "../../web/pages/admin/village-decisions.tsx";
import { DecisionCreate, DecisionQuery, StageRecord } from "./schemas.ts";
import * as svc from "./service.ts";

export const villageDecisionsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "事项已登记", stage: "环节已记录" };

const int = (s: string | undefined) => (s === undefined || s === "" ? null : /^\d+$/.test(s) ? Number(s) : Number.NaN);

/** Form strings → the stage fields of the API (numbers, attachment lines). */
function stageInput(raw: TextValues) {
  const v = Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, x.trim()]));
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
const flat = (field: string) => field.replace(/^proposed\./, "").replace(/^amountFen$/, "amount");

villageDecisionsAdmin.get("/", requirePermission("registry.read"), async (c) => {
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

villageDecisionsAdmin.get("/new", requirePermission("disclosure.manage"), (c) =>
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

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "登记四议两公开事项",
    nav: "village-decisions",
    status,
    children: (
      <DecisionNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        candidates={await pickCandidates(c.var.ctx, "villages", state.values.villageCode)}
        {...state}
      />
    ),
  });

villageDecisionsAdmin.post(
  "/",
  requirePermission("disclosure.manage"),
  formCsrf,
  formValidator(DecisionCreate, newPage, {
    input: resolvePicks([{ field: "villageCode", entity: "villages" }], (v: TextValues, fail) => ({
      villageCode: v.villageCode?.trim(),
      title: v.title?.trim(),
      description: v.description?.trim(),
      amountFen: v.amount?.trim() ? (yuanToFen(v.amount, "amount", fail) ?? null) : null,
      projectId: int(v.projectId?.trim()),
      requiresTownshipReview: v.requiresTownshipReview === "1",
      proposed: stageInput(v),
    })),
    fields: flat,
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createDecision(c.var.ctx, data),
      (d) => `${base(c)}/village-decisions/${d.id}?done=created`,
      { fields: flat },
    );
  },
);

function decisionId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("not_found", "没有这个事项");
  return id;
}

async function detail(c: Context<AppEnv>, extra: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
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

villageDecisionsAdmin.get("/:id", requirePermission("registry.read"), (c) => detail(c));

villageDecisionsAdmin.post(
  "/:id/stages",
  requirePermission("disclosure.manage"),
  formCsrf,
  formValidator(StageRecord, detail, { input: (v) => ({ stage: v.stage?.trim(), ...stageInput(v) }) }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const { stage, ...input } = data;
    return submitForm(
      c,
      detail,
      values,
      () => svc.recordStage(c.var.ctx, decisionId(c), stage, input),
      () => `${base(c)}/village-decisions/${decisionId(c)}?done=stage`,
    );
  },
);
