import type { ProgramRow } from "../programs/service.ts";
import { AppError } from "../platform/errors/app-error.ts";

const bad = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

/** Months a monthly rule covers in a period: one for "2026-11", twelve for "2026". */
export function monthsIn(period: string): number {
  return period.length === 7 ? 1 : 12;
}

/**
 * The amount of one line under the program's rule, in integer fen. Honoured recipients get the
 * program's uplift (seed 002: +20 %), rounded half up to the fen with integer arithmetic only.
 */
export function lineAmount(
  p: Pick<ProgramRow, "ruleKind" | "ruleAmountFen" | "honourUpliftPct">,
  period: string,
  input: { amountFen?: number | undefined; quantity?: number | undefined; honoured?: boolean | undefined },
): { amountFen: number; quantity: number | null } {
  let amount: number;
  let quantity: number | null = null;
  const rule = p.ruleAmountFen ?? 0;
  switch (p.ruleKind) {
    case "per_line":
      if (input.amountFen === undefined) throw bad("amountFen", "本项目逐笔填写金额，请填写金额");
      amount = input.amountFen;
      break;
    case "fixed_per_recipient":
      if (input.amountFen !== undefined && input.amountFen !== rule)
        throw bad("amountFen", "本项目按固定标准发放，金额由标准计算，不能另填");
      amount = rule;
      break;
    case "per_month":
      quantity = input.quantity ?? monthsIn(period);
      if (quantity > monthsIn(period)) throw bad("quantity", `本期最多 ${monthsIn(period)} 个月`);
      amount = rule * quantity;
      break;
    case "per_resident_day":
      if (!input.quantity) throw bad("quantity", "按驻村天数计发，请填写天数");
      if (period.length === 7 && input.quantity > 31) throw bad("quantity", "一个月最多 31 天");
      quantity = input.quantity;
      amount = rule * quantity;
      break;
    case "per_year_served":
      // 离任补助: full years served come from the roster's term dates, never typed.
      if (!input.quantity) throw bad("quantity", "按任职年限计发，任职年限须由花名册任期计算");
      if (input.quantity > 60) throw bad("quantity", "任职年限不超过 60 年");
      quantity = input.quantity;
      amount = rule * quantity;
      break;
  }
  if (input.honoured && p.honourUpliftPct > 0) amount = Math.floor((amount * (100 + p.honourUpliftPct) + 50) / 100);
  if (!Number.isSafeInteger(amount) || amount <= 0) throw bad("amountFen", "金额须为正整数（分）");
  return { amountFen: amount, quantity };
}
