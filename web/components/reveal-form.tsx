import type { FieldError } from "../../workers/platform/errors/app-error.ts";
import { CsrfField, errorFor } from "./form.tsx";

/**
 * "Show in full" for personal data: a POST (never a link: it writes an audit entry) with the
 * reason the user must give, which the audit log keeps.
 */
export function RevealForm(p: {
  action: string;
  csrf: string;
  button: string;
  /** The input's id, unique on pages with several reveal forms. */
  id?: string | undefined;
  value?: string | undefined;
  errors?: FieldError[] | undefined;
}) {
  const err = errorFor(p.errors, "reason");
  const id = p.id ?? "f-reveal-reason";
  return (
    <form method="post" action={p.action} class="reveal-form">
      <CsrfField token={p.csrf} />
      <label for={id}>
        查看原因<span aria-hidden="true"> *</span>
        <span class="hint">（2–200 字，记入审计日志）</span>
      </label>
      <input
        id={id}
        name="reason"
        type="text"
        value={p.value ?? ""}
        required
        minlength={2}
        maxlength={200}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${id}-err` : undefined}
      />
      {err ? (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      ) : null}
      <button type="submit" class="secondary">
        {p.button}
      </button>
    </form>
  );
}
