import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { FeedbackDetailPage, FeedbackListPage } from "../../web/pages/admin/feedback.tsx";
import { FeedbackAnswer, FeedbackQuery } from "./schemas.ts";
import * as svc from "./service.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { can } from "../auth/permissions.ts";

export const feedbackAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { answered: "已答复" };

feedbackAdmin.get("/feedback", requirePermission("feedback.answer"), async (c) => {
  const raw = { status: c.req.query("status") || undefined, page: c.req.query("page") || undefined };
  const parsed = FeedbackQuery.safeParse(raw);
  const list = await svc.listFeedback(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "意见建议",
    nav: "feedback",
    flash: flashFrom(c, FLASH),
    children: <FeedbackListPage base={base(c)} {...list} filter={{ status: raw.status }} />,
  });
});

function feedbackId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("not_found", "没有这条意见建议");
  return id;
}

async function detail(
  c: Context<AppEnv>,
  extra: {
    contact?: string | null;
    reveal?: { value: string; errors?: FieldError[]; message?: string };
    values?: Record<string, string>;
    errors?: FieldError[];
    message?: string;
  } = {},
  status: 200 | 400 | 409 = 200,
) {
  const id = feedbackId(c);
  const item = await svc.getFeedback(c.var.ctx, id);
  return renderAdmin(c, {
    title: "意见建议",
    nav: "feedback",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <FeedbackDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        item={item}
        canReveal={can(c.var.user!.role, "pii.reveal")}
        {...extra}
      />
    ),
  });
}

feedbackAdmin.get("/feedback/:id", requirePermission("feedback.answer"), (c) => detail(c));

// A POST (not a link): revealing writes an audit entry and must not be prefetched or cached.
feedbackAdmin.post(
  "/feedback/:id/reveal-contact",
  requirePermission("feedback.answer"),
  requirePermission("pii.reveal"),
  formCsrf,
  async (c) => {
    const body = await c.req.parseBody();
    const value = typeof body.reason === "string" ? body.reason : "";
    const parsed = RevealReason.safeParse({ reason: value });
    if (!parsed.success) return detail(c, { reveal: { value, errors: fieldErrorsOf(parsed.error) } }, 400);
    const done = await tryAction(() => svc.revealContact(c.var.ctx, feedbackId(c), parsed.data.reason));
    if (!done.ok)
      return detail(
        c,
        { reveal: { value, errors: done.error.fields, message: done.error.message } },
        done.error.status === 409 ? 409 : 400,
      );
    return detail(c, { contact: done.value.contact });
  },
);

feedbackAdmin.post("/feedback/:id/answer", requirePermission("feedback.answer"), formCsrf, async (c) => {
  const body = await c.req.parseBody();
  const v = {
    reply: typeof body.reply === "string" ? body.reply : "",
    replyPublic: typeof body.replyPublic === "string" ? body.replyPublic : "1",
  };
  const parsed = FeedbackAnswer.safeParse({ reply: v.reply, replyPublic: v.replyPublic !== "0" });
  if (!parsed.success) return detail(c, { values: v, errors: fieldErrorsOf(parsed.error) }, 400);
  const done = await tryAction(() => svc.answerFeedback(c.var.ctx, feedbackId(c), parsed.data));
  if (!done.ok)
    return detail(
      c,
      { values: v, errors: done.error.fields, message: done.error.message },
      done.error.status === 409 ? 409 : 400,
    );
  return c.redirect(`${base(c)}/feedback/${feedbackId(c)}?done=answered`, 303);
});
