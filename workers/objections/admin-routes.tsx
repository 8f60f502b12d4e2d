import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { ObjectionInboxPage, type AnswerFormState } from "../../web/pages/admin/objections.tsx";
import { noticeDetailPage } from "../notices/admin-routes.tsx";
import { AnswerBody, ObjectionQuery } from "./schemas.ts";
import { answerObjection, listObjections, revealObjectionContact } from "./service.ts";

export const objectionsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { answered: "已答复，答复已公开并记入公开账本", withdrawn: "异议成立：公示已撤回" };

type RevealState = {
  revealed?: { id: number; contact: string | null };
  reveal?: { id: number; value: string; errors?: FieldError[]; message?: string };
};

async function inbox(
  c: Context<AppEnv>,
  state?: AnswerFormState,
  status: 200 | 400 | 409 = 200,
  reveal: RevealState = {},
) {
  const raw = { status: c.req.query("status") || undefined, page: c.req.query("page") || undefined };
  const parsed = ObjectionQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : { page: 1, size: 50 };
  return renderAdmin(c, {
    title: "异议处理",
    nav: "notices",
    status,
    // A conflict (already answered, notice changed) may leave no form to show the message next to.
    flash:
      status === 409 && (state?.message ?? reveal.reveal?.message)
        ? { kind: "err", text: (state?.message ?? reveal.reveal?.message)! }
        : flashFrom(c, FLASH),
    children: (
      <ObjectionInboxPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        canAnswer={can(c.var.user!.role, "notices.answer")}
        page={await listObjections(c.var.ctx, q)}
        status={raw.status}
        state={state}
        canReveal={can(c.var.user!.role, "pii.reveal")}
        {...reveal}
      />
    ),
  });
}

objectionsAdmin.get("/objections", requirePermission("registry.read"), (c) => inbox(c));

/** Answers from the inbox or from a notice's page; `back` says which page to return to. */
objectionsAdmin.post("/objections/:id/answer", requirePermission("notices.answer"), formCsrf, async (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这条异议");
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
  const back =
    values.back?.startsWith(`${base(c)}/`) && !values.back.includes("//", 1) ? values.back : `${base(c)}/objections`;
  const noticeMatch = /\/notices\/(\d+)$/.exec(back);
  const again = (state: AnswerFormState, status: 400 | 409) =>
    noticeMatch ? noticeDetailPage(c, Number(noticeMatch[1]), state, status) : inbox(c, state, status);
  const parsed = AnswerBody.safeParse({ decision: values.decision, reply: values.reply });
  if (!parsed.success) return again({ id, errors: fieldErrorsOf(parsed.error), values }, 400);
  const done = await tryAction(() => answerObjection(c.var.ctx, id, parsed.data));
  if (!done.ok) {
    if (done.error.code === "not_found") throw done.error;
    return again(
      { id, errors: done.error.fields, message: done.error.message, values },
      done.error.code === "conflict" ? 409 : 400,
    );
  }
  const sep = back.includes("?") ? "&" : "?";
  return c.redirect(`${back}${sep}done=${done.value.noticeWithdrawn ? "withdrawn" : "answered"}`, 303);
});

// A POST (not a link): revealing writes an audit entry and must not be prefetched or cached.
objectionsAdmin.post("/objections/:id/reveal-contact", requirePermission("pii.reveal"), formCsrf, async (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这条异议");
  const body = await c.req.parseBody();
  const value = typeof body.reason === "string" ? body.reason : "";
  const parsed = RevealReason.safeParse({ reason: value });
  if (!parsed.success) return inbox(c, undefined, 400, { reveal: { id, value, errors: fieldErrorsOf(parsed.error) } });
  const done = await tryAction(() => revealObjectionContact(c.var.ctx, id, parsed.data.reason));
  if (!done.ok) {
    if (done.error.code === "not_found") throw done.error;
    return inbox(c, undefined, done.error.code === "conflict" ? 409 : 400, {
      reveal: { id, value, errors: done.error.fields, message: done.error.message },
    });
  }
  return inbox(c, undefined, 200, { revealed: done.value });
});
