import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { ObjectionInboxPage, type AnswerFormState } from "../../web/pages/admin/objections.tsx";
import { noticeDetailPage } from "../notices/admin-routes.tsx";
import { AnswerBody, ObjectionQuery, PublicTextBody } from "./schemas.ts";
import { answerObjection, listObjections, publishObjectionText, revealObjectionContact } from "./service.ts";
import type { PublicTextState } from "../../web/components/public-text-form.tsx";

export const objectionsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = {
  answered: "已答复，答复已公开并记入公开账本",
  withdrawn: "异议成立：公示已撤回",
  published: "公开文本已发布",
};

type RevealState = {
  revealed?: { id: number; contact: string | null };
  reveal?: { id: number; value: string; errors?: FieldError[]; message?: string };
  publicText?: PublicTextState;
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
      status === 409 && (state?.message ?? reveal.reveal?.message ?? reveal.publicText?.message)
        ? { kind: "err", text: (state?.message ?? reveal.reveal?.message ?? reveal.publicText?.message)! }
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
        canPublish={can(c.var.user!.role, "notices.answer")}
        {...reveal}
      />
    ),
  });
}

objectionsAdmin.get("/", requirePermission("registry.read"), (c) => inbox(c));

/** Where an answer form came from (`back`): a notice's page or the inbox, both under this tenant's admin. */
function backOf(c: Context<AppEnv>, back: string | undefined): string {
  return back?.startsWith(`${base(c)}/`) && !back.includes("//", 1) ? back : `${base(c)}/objections`;
}

function objectionId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这条异议");
  return id;
}

/** A failed answer shows the page the form was on again. */
const answerPage: FormPage<TextValues> = (c, state, status) => {
  const noticeMatch = /\/notices\/(\d+)$/.exec(backOf(c, state.values.back));
  const form = { id: objectionId(c), ...state };
  return noticeMatch ? noticeDetailPage(c, Number(noticeMatch[1]), form, status) : inbox(c, form, status);
};

/** Answers from the inbox or from a notice's page; `back` says which page to return to. */
objectionsAdmin.post(
  "/:id/answer",
  requirePermission("notices.answer"),
  formCsrf,
  formValidator(AnswerBody, answerPage),
  async (c) => {
    const id = objectionId(c);
    const { data, values } = c.req.valid("form");
    const back = backOf(c, values.back);
    const sep = back.includes("?") ? "&" : "?";
    return submitForm(
      c,
      answerPage,
      values,
      () => answerObjection(c.var.ctx, id, data),
      (done) => `${back}${sep}done=${done.noticeWithdrawn ? "withdrawn" : "answered"}`,
      { propagate: ["not_found"] },
    );
  },
);

// A POST (not a link): revealing writes an audit entry and must not be prefetched or cached.
const objectionIdOf = (c: Context<AppEnv>): number => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这条异议");
  return id;
};
const revealPage: FormPage<TextValues> = (c, state, status) =>
  inbox(c, undefined, status, {
    reveal: { id: objectionIdOf(c), value: state.values.reason ?? "", errors: state.errors, message: state.message },
  });
objectionsAdmin.post(
  "/:id/reveal-contact",
  requirePermission("pii.reveal"),
  formCsrf,
  formValidator(RevealReason, revealPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const id = objectionIdOf(c);
    return submitForm(
      c,
      revealPage,
      values,
      () => revealObjectionContact(c.var.ctx, id, data.reason),
      (revealed) => inbox(c, undefined, 200, { revealed }),
      { propagate: ["not_found"] },
    );
  },
);

/** Publishes the reviewed public text of an objection (the original stays private). */
const publicTextPage: FormPage<TextValues> = (c, state, status) =>
  inbox(c, undefined, status, {
    publicText: {
      id: objectionIdOf(c),
      value: state.values.publicText ?? "",
      errors: state.errors,
      message: state.message,
    },
  });
objectionsAdmin.post(
  "/:id/public-text",
  requirePermission("notices.answer"),
  formCsrf,
  formValidator(PublicTextBody, publicTextPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const id = objectionIdOf(c);
    return submitForm(
      c,
      publicTextPage,
      values,
      () => publishObjectionText(c.var.ctx, id, data.publicText),
      () => `${base(c)}/objections?done=published#o-${id}`,
      { propagate: ["not_found"] },
    );
  },
);
