import { CsrfField, errorFor, FormErrors, type FieldError } from "./form.tsx";

/** A failed publish of one item's public text, shown again next to its form. */
export interface PublicTextState {
  id: number;
  value: string;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}

/**
 * The original text of an objection or feedback (private, officers only), what the public sees
 * now, and the form that publishes a reviewed version (prefilled with the original).
 */
export function PublicTextForm(p: {
  action: string;
  csrf: string;
  id: number;
  original: string;
  publicText: string | null | undefined;
  canPublish: boolean;
  state?: PublicTextState | undefined;
}) {
  const mine = p.state?.id === p.id ? p.state : undefined;
  const err = errorFor(mine?.errors, "publicText");
  const fieldId = `public-text-${p.id}`;
  return (
    <div class="stack">
      <p>
        <b>原文（不公开，仅管理人员可见）：</b>
        {p.original}
      </p>
      <p>
        <b>公开文本：</b>
        {p.publicText ? p.publicText : <span class="muted">（内容待审核，公众看不到原文）</span>}
      </p>
      {p.canPublish ? (
        <form class="stack" method="post" action={p.action}>
          <CsrfField token={p.csrf} />
          {mine ? <FormErrors errors={mine.errors} message={mine.message} /> : null}
          <div>
            <label for={fieldId}>发布公开文本 *</label>
            <p class="muted">请删去姓名、电话等个人信息后发布；原文始终不公开。</p>
            <textarea
              id={fieldId}
              name="publicText"
              rows={3}
              maxlength={2000}
              required
              aria-invalid={err ? "true" : undefined}
              aria-describedby={err ? `${fieldId}-err` : undefined}
            >
              {mine ? mine.value : (p.publicText ?? p.original)}
            </textarea>
            {err ? (
              <p class="field-error" id={`${fieldId}-err`}>
                {err}
              </p>
            ) : null}
          </div>
          <button type="submit" class="secondary">
            发布公开文本
          </button>
        </form>
      ) : null}
    </div>
  );
}
