/**
 * Chinese resident identity card numbers (公民身份号码, GB 11643-1999).
 *
 * Layout of the 18 characters: 6-digit address code (the first 2 are the province),
 * 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male, even = female), and a check
 * character computed with ISO 7064 MOD 11-2, where the value 10 is written "X".
 *
 * ID numbers arrive from Excel sheets and phone keyboards, so input is normalised before
 * it is checked: surrounding spaces are dropped, full-width characters (０-９, Ｘ) become
 * ASCII and a lowercase x becomes X. The normalised form is what gets encrypted and hashed,
 * so the same person always produces the same search hash.
 */

import { isValidDate, todayInChina } from "./dates.ts";

export type IdNumberResult = { ok: true; value: string } | { ok: false; message: string };

/** ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18-i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each value of (weighted sum mod 11). */
const CHECK_CHARS = "10X98765432";

/**
 * Province-level codes that appear as the first two digits. 71 (Taiwan), 81/82 (Hong Kong,
 * Macao) and 83 (Taiwan residents' residence permits) are issued on the mainland too.
 */
const PROVINCE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
];

function isIdProvinceCode(two: string): boolean {
  const n = Number(two);
  return PROVINCE_RANGES.some(([lo, hi]) => n >= lo && n <= hi);
}

/** Trims, folds full-width characters to ASCII (NFKC) and upper-cases a trailing x. */
function normalize(s: string): string {
  return s.normalize("NFKC").trim().toUpperCase();
}

/**
 * The check character for the first 17 digits.
 * @throws RangeError when `prefix17` is not exactly 17 ASCII digits.
 */
export function idCheckChar(prefix17: string): string {
  if (!/^\d{17}$/.test(prefix17)) throw new RangeError("prefix must be 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(prefix17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Completes a 17-digit prefix with its check character, for the demo-data generator and
 * tests. It does not check the address code or birth date; `validateIdNumber` does.
 * @example makeIdNumber("11010519491231002") // "11010519491231002X"
 */
export function makeIdNumber(prefix17: string): string {
  return prefix17 + idCheckChar(prefix17);
}

export interface ValidateIdNumberOptions {
  /** "YYYY-MM-DD" to compare birth dates against; defaults to today in China. */
  today?: string;
}

/**
 * Checks an ID number and returns its normalised form, or a zh-CN message that says which
 * part is wrong (长度 / 格式 / 地区 / 出生日期 / 校验位), so an official can fix one cell of a
 * spreadsheet without guessing.
 */
export function validateIdNumber(
  input: string | null | undefined,
  options: ValidateIdNumberOptions = {},
): IdNumberResult {
  const s = normalize(input ?? "");
  if (s === "") return { ok: false, message: "请填写身份证号" };
  if (s.length !== 18) return { ok: false, message: `身份证号应为18位，当前为${s.length}位` };
  if (!/^\d{17}[\dX]$/.test(s)) {
    return { ok: false, message: "身份证号格式不正确：前17位应为数字，最后一位为数字或X" };
  }
  if (!isIdProvinceCode(s.slice(0, 2))) {
    return { ok: false, message: "身份证号前两位不是有效的省级行政区划代码" };
  }
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isValidDate(birth)) return { ok: false, message: "身份证号中的出生日期不是有效日期" };
  if (birth < "1900-01-01") return { ok: false, message: "身份证号中的出生年份不能早于1900年" };
  // ISO dates compare correctly as strings.
  if (birth > (options.today ?? todayInChina())) {
    return { ok: false, message: "身份证号中的出生日期晚于今天" };
  }
  if (idCheckChar(s.slice(0, 17)) !== s[17]) {
    return { ok: false, message: "身份证号校验位不正确，请核对是否有输错的数字" };
  }
  return { ok: true, value: s };
}

/**
 * The last `n` characters of a normalised ID number (the villager self-query asks for the
 * last 6). Returns "" for null or empty input.
 */
export function idNumberTail(s: string | null | undefined, n = 6): string {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError("n must be a positive integer");
  const v = normalize(s ?? "");
  return v.length <= n ? v : v.slice(-n);
}

/** Birth date "YYYY-MM-DD" of an ID number that passed `validateIdNumber`. */
export function idNumberBirthDate(valid: string): string {
  return `${valid.slice(6, 10)}-${valid.slice(10, 12)}-${valid.slice(12, 14)}`;
}

/** Sex encoded in the 17th digit (odd = male) of an ID number that passed `validateIdNumber`. */
export function idNumberSex(valid: string): "male" | "female" {
  return Number(valid[16]) % 2 === 1 ? "male" : "female";
}
