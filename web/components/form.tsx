/** One field's error as a re-rendered form shows it (routes pass AppError's fields, which have this shape). */
export interface FieldError {
  field: string;
  message: string;
}

/** The hidden form field carrying the session's CSRF token; workers/platform/middleware/form-csrf.ts reads it. */
export const CSRF_FIELD = "_csrf";

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

/** Field errors of a re-rendered form, looked up by field name. */
export function errorFor(errors: FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

interface FieldProps {
  name: string;
  /** The input's id; `f-<name>` unless another field of the page has that name (a filter above a form). */
  id?: string;
  label: string;
  value?: string | number | null | undefined;
  type?: string;
  required?: boolean;
  hint?: string;
  errors?: FieldError[] | undefined;
  autocomplete?: string;
  inputmode?: "text" | "numeric" | "tel" | "email" | "decimal" | "search" | "url" | "none";
  maxlength?: number;
}

/** A labelled input with its error message beside it (aria-describedby links them). */
export function Field(p: FieldProps) {
  const err = errorFor(p.errors, p.name);
  const id = p.id ?? `f-${p.name}`;
  return (
    <div>
      <label for={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
        {p.hint ? <span class="hint">（{p.hint}）</span> : null}
      </label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.value == null ? "" : String(p.value)}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${id}-err` : undefined}
      />
      {err ? (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps {
  name: string;
  label: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  value?: string | null | undefined;
  required?: boolean;
  errors?: FieldError[] | undefined;
  blank?: string;
}

export function SelectField(p: SelectProps) {
  const err = errorFor(p.errors, p.name);
  const id = `f-${p.name}`;
  return (
    <div>
      <label for={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${id}-err` : undefined}
      >
        {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
        {p.options.map(([value, text]) => (
          <option value={value} selected={value === p.value}>
            {text}
          </option>
        ))}
      </select>
      {err ? (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      ) : null}
    </div>
  );
}

export function FormErrors(props: { errors?: FieldError[] | undefined; message?: string | undefined }) {
  if (!props.message && !props.errors?.length) return null;
  return (
    <div class="notice err" role="alert">
      {props.message ?? "请更正下面标出的错误后再提交。"}
    </div>
  );
}

/** A filter of a list page: 全部 plus the options, with the current value selected. */
export function FilterSelect(p: {
  name: string;
  label: string;
  options: ReadonlyArray<readonly [string, string]>;
  value?: string | null | undefined;
}) {
  return (
    <div>
      <label for={p.name}>{p.label}</label>
      <select id={p.name} name={p.name}>
        <option value="">全部</option>
        {p.options.map(([value, text]) => (
          <option value={value} selected={p.value === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
