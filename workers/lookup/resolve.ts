import type { ServiceContext } from "../domain/service-context.ts";
import type { LookupItemView } from "./schemas.ts";
import { LOOKUPS, type LookupEntity } from "./service.ts";

/**
 * The no-script half of the pickers: what a reference field's posted text means. A value that
 * already has the field's form (a 12-digit village code, a numeric id) is left to the schema and
 * the service, which check it exists inside the user's scope. Any other text is looked up inside
 * the user's scope: one match becomes the field's value; none or several is a field error, and
 * the page shows the candidates (`pickCandidates`) to choose from.
 */
const IS_VALUE: Record<LookupEntity, RegExp> = {
  villages: /^\d{12}$/,
  households: /^\d{1,9}$/,
  cadres: /^\d{1,9}$/,
  units: /^\d{1,9}$/,
  "party-members": /^\d{1,9}$/,
  "village-officials": /^\d{1,9}$/,
};
const NOUN: Record<LookupEntity, string> = {
  villages: "村",
  households: "农户",
  cadres: "干部",
  units: "单位",
  "party-members": "党员",
  "village-officials": "村干部",
};
/** What the field takes, said again when the text matched nothing. */
const HINT: Record<LookupEntity, string> = {
  villages: "请填写 12 位区划代码，或村名的一部分",
  households: "请填写户编号，或户主姓名、身份证号后四位",
  cadres: "请填写干部编号，或姓名的一部分",
  units: "请填写单位编号，或名称的一部分",
  "party-members": "请填写党员编号，或姓名的一部分、户主身份证号后四位",
  "village-officials": "请填写村干部编号，或姓名的一部分、身份证号后四位",
};
const MAX_CANDIDATES = 10;

export interface PickSpec {
  field: string;
  entity: LookupEntity;
}

/** Candidates for a posted text that is not yet a value (empty when it is one, or blank). */
export async function pickCandidates(
  ctx: ServiceContext,
  entity: LookupEntity,
  text: string | undefined,
): Promise<LookupItemView[]> {
  const q = (text ?? "").trim().slice(0, 40);
  if (!q || IS_VALUE[entity].test(q)) return [];
  return LOOKUPS[entity](ctx, q, MAX_CANDIDATES);
}

/**
 * A formValidator `input` step that resolves the named reference fields before the schema runs,
 * then hands the values to `next` (the form's own conversion, if any).
 */
export function resolvePicks<V extends Record<string, string | string[]>>(
  specs: PickSpec[],
  next?: (values: V, fail: (field: string, message: string) => void) => unknown,
) {
  return async (values: V, fail: (field: string, message: string) => void, more: { ctx: ServiceContext }) => {
    const out: Record<string, string | string[]> = { ...values };
    for (const s of specs) {
      const raw = out[s.field];
      const text = (Array.isArray(raw) ? raw[raw.length - 1] : raw)?.trim() ?? "";
      if (!text || IS_VALUE[s.entity].test(text)) continue;
      const found = await pickCandidates(more.ctx, s.entity, text);
      if (found.length === 1) out[s.field] = found[0]!.value;
      else if (found.length === 0)
        fail(s.field, `没有找到与“${text}”匹配的${NOUN[s.entity]}（或不在您的管辖范围内）：${HINT[s.entity]}`);
      else fail(s.field, `有多个${NOUN[s.entity]}与“${text}”匹配，请在下面选择一个`);
    }
    return next ? next(out as V, fail) : out;
  };
}
