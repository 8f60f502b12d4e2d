import { errorFor, type FieldError } from "./form.tsx";

/** A candidate as the lookup API and the server-side resolver give it. */
export interface PickCandidate {
  value: string;
  label: string;
  detail: string;
}

/**
 * A reference field (a village, household, cadre or unit) as one text input: type a name, a
 * code or an id. With the picker script, typing offers matches from `lookup` (the JSON lookup
 * API) in the input's datalist. Without it, the form posts the text, the server resolves it
 * (workers/lookup/resolve.ts) and, when several records match, shows the page again with them
 * here as radio buttons; the chosen one is posted after the text field, so it wins.
 */
export function PickerField(p: {
  name: string;
  label: string;
  lookup: string;
  value?: string | undefined;
  required?: boolean;
  hint?: string;
  errors?: FieldError[] | undefined;
  candidates?: PickCandidate[] | undefined;
}) {
  const err = errorFor(p.errors, p.name);
  const id = `f-${p.name}`;
  return (
    <div class="picker">
      <label for={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
        <span class="hint">（{p.hint ?? "输入名称、代码或编号查找"}）</span>
      </label>
      <input
        id={id}
        name={p.name}
        type="search"
        value={p.value ?? ""}
        required={p.required}
        maxlength={40}
        list={`${id}-list`}
        data-lookup={p.lookup}
        aria-invalid={err ? "true" : undefined}
        aria-describedby={err ? `${id}-err` : undefined}
      />
      <datalist id={`${id}-list`}></datalist>
      {err ? (
        <p class="field-error" id={`${id}-err`}>
          {err}
        </p>
      ) : null}
      {p.candidates?.length ? (
        <fieldset class="candidates">
          <legend>请选择（最多列出 10 个；没有要找的，请输入更完整的名称）：</legend>
          {p.candidates.map((c) => (
            <label class="check">
              <input type="radio" name={p.name} value={c.value} /> {c.label} <span class="muted">{c.detail}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

/**
 * The lookup API's URL for an entity, from the admin base path (`/t/<tenant>/admin`); `narrow`
 * adds what the lookup narrows by (e.g. a pay program's rated posts), as query parameters.
 */
export function lookupUrl(
  adminBase: string,
  entity: "villages" | "households" | "cadres" | "units" | "party-members" | "village-officials",
  narrow: Record<string, string | number> = {},
): string {
  const query = new URLSearchParams(
    Object.entries(narrow).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return `${adminBase.replace(/\/admin$/, "/api/v1")}/lookup/${entity}${query ? `?${query}` : ""}`;
}
