/**
 * Money as integer fen (分): ¥1 = 100 fen. No floating point anywhere on the money path.
 * Parsing and validation live here; display (formatFen, formatFenPlain, percentOf) lives in
 * web/components/format.ts, which pages and CSV writers share.
 *
 * Binary floats cannot represent 0.1 or 0.29 exactly (0.29 * 100 = 28.999999999999996),
 * so amounts typed by officials are parsed digit by digit into integers here, and amounts
 * are formatted back with integer division. BigInt is used only inside parsing and
 * percentage maths so intermediate products cannot overflow; results are safe integers.
 */

import { z } from "zod";

export type FenResult = { ok: true; fen: number } | { ok: false; message: string };

export interface ParseYuanOptions {
  /** Accept a leading minus sign (reversal entries); off by default. */
  allowNegative?: boolean;
}

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** Digits with optional correctly grouped thousands separators and a decimal part. */
const NUMBER_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses an amount in yuan as people write it into fen.
 *
 * Accepted: "1234.5", "1,234.56", "¥500", "￥500", "500元", "0.9万" (= 900000 fen),
 * "5.5万元", full-width digits, spaces. Rejected with a zh-CN message: more than 2 decimal
 * places (6 for 万, which is still whole fen), badly grouped commas such as "1,5" (could be
 * a European decimal), negatives unless `allowNegative`, and amounts above
 * Number.MAX_SAFE_INTEGER fen.
 */
export function parseYuanToFen(input: string | null | undefined, options: ParseYuanOptions = {}): FenResult {
  // NFKC folds full-width digits, "，" and "￥" to ASCII and "¥"; people paste these from Word.
  let s = (input ?? "").normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return { ok: false, message: "请填写金额" };

  let negative = false;
  const takeSign = () => {
    if (s.startsWith("-") || s.startsWith("−")) {
      negative = true;
      s = s.slice(1);
    }
  };
  takeSign();
  if (s.startsWith("¥")) s = s.slice(1);
  if (!negative) takeSign(); // "¥-500" as well as "-¥500"

  let wan = false;
  if (s.endsWith("万元")) {
    wan = true;
    s = s.slice(0, -2);
  } else if (s.endsWith("万")) {
    wan = true;
    s = s.slice(0, -1);
  } else if (s.endsWith("元")) {
    s = s.slice(0, -1);
  }

  const m = NUMBER_RE.exec(s);
  if (!m) return { ok: false, message: "金额格式不正确，请填写数字，例如 1234.56 或 0.9万" };
  const whole = m[1]!.replace(/,/g, "");
  const frac = m[2] ?? "";
  const places = wan ? 6 : 2;
  if (frac.length > places) {
    return {
      ok: false,
      message: wan ? "以“万”为单位时最多保留6位小数" : "金额最多保留两位小数（精确到分）",
    };
  }
  let fen = BigInt(whole) * 10n ** BigInt(places) + BigInt(frac.padEnd(places, "0") || "0");
  if (fen > MAX_FEN) return { ok: false, message: "金额过大" };
  if (negative && fen !== 0n) {
    if (!options.allowNegative) return { ok: false, message: "金额不能为负数" };
    fen = -fen;
  }
  return { ok: true, fen: Number(fen) };
}

/** Zod schema for an amount in fen in JSON bodies: a non-negative safe integer. */
export const fenSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Zod schema for an amount typed in yuan (form fields, CSV cells): validates with
 * `parseYuanToFen` and outputs fen, so handlers never see the string.
 */
export const yuanInputSchema = z.string().transform((value, ctx): number => {
  const r = parseYuanToFen(value);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.fen;
});
