import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { FeedbackDetailPage, FeedbackListPage } from "../../web/pages/admin/feedback.tsx";
import { FeedbackAnswer, FeedbackQuery, PublicTextBody } from "./schemas.ts";
import type { PublicTextState } from "../../web/components/public-text-form.tsx";
import * as svc from "./service.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { can } from "../domain/permissions.ts";

export const feedbackAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { answered: "已答复", published: "公开文本已发布" };

feedbackAdmin.get("/", requirePermission("feedback.answer"), async (c) => {
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
  extra: Partial<FormState<TextValues>> & {
    contact?: string | null;
    reveal?: { value: string; errors?: FieldError[]; message?: string };
    publicText?: PublicTextState;
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

feedbackAdmin.get("/:id", requirePermission("feedback.answer"), (c) => detail(c));

// A POST (not a link): revealing writes an audit entry and must not be prefetched or cached.
const revealPage: FormPage<TextValues> = (c, state, status) =>
  detail(c, { reveal: { value: state.values.reason ?? "", errors: state.errors, message: state.message } }, status);
feedbackAdmin.post(
  "/:id/reveal-contact",
  requirePermission("feedback.answer"),
  requirePermission("pii.reveal"),
  formCsrf,
  formValidator(RevealReason, revealPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      revealPage,
      values,
      () => svc.revealContact(c.var.ctx, feedbackId(c), data.reason),
      (done) => detail(c, { contact: done.contact }),
      { propagate: ["not_found"] },
    );
  },
);

feedbackAdmin.post(
  "/:id/answer",
  requirePermission("feedback.answer"),
  formCsrf,
  // "回复公开" is on unless the form says "0".
  formValidator(FeedbackAnswer, detail, {
    input: (v) => ({ reply: v.reply ?? "", replyPublic: v.replyPublic !== "0" }),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail,
      values,
      () => svc.answerFeedback(c.var.ctx, feedbackId(c), data),
      () => `${base(c)}/feedback/${feedbackId(c)}?done=answered`,
    );
  },
);

/** Publishes the reviewed public text of a feedback (the original stays private). */
const publicTextPage: FormPage<TextValues> = (c, state, status) =>
  detail(
    c,
    {
      publicText: {
        id: feedbackId(c),
        value: state.values.publicText ?? "",
        errors: state.errors,
        message: state.message,
      },
    },
    status,
  );
feedbackAdmin.post(
  "/:id/public-text",
  requirePermission("feedback.answer"),
  formCsrf,
  formValidator(PublicTextBody, publicTextPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const id = feedbackId(c);
    return submitForm(
      c,
      publicTextPage,
      values,
      () => svc.publishFeedbackText(c.var.ctx, id, data.publicText),
      () => `${base(c)}/feedback/${id}?done=published`,
      { propagate: ["not_found"] },
    );
  },
);
