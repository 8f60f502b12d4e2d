import { ENTITY_LABELS, label } from "../i18n/zh-CN.ts";

/** A ledger entry's reference as people read it: "household_exit:1" → "脱贫退出 #1". */
export function ledgerRefLabel(ref: string): string {
  const i = ref.lastIndexOf(":");
  return i < 0 ? label(ENTITY_LABELS, ref) : `${label(ENTITY_LABELS, ref.slice(0, i))} #${ref.slice(i + 1)}`;
}
