/**
 * Calendar dates as China sees them (Asia/Shanghai).
 *
 * Notice periods, visit dates and payment periods are calendar days in China, not UTC
 * instants: a 公示 posted at 07:00 Beijing time on the 1st was posted on the 1st, even though
 * it is still the 30th in UTC. China has had no daylight saving time since 1991, so Beijing
 * time is always UTC+8 and a fixed offset is exact; no time-zone database is needed.
 *
 * Dates are "YYYY-MM-DD" strings throughout (they sort, compare and store as text). The
 * arithmetic below is integer day counting (Howard Hinnant's civil-date algorithms), so it
 * neither depends on the host's time zone nor on `Date` parsing quirks.
 */

const CHINA_OFFSET_SECONDS = 8 * 3600;
const SECONDS_PER_DAY = 86_400;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for leap years of the proleptic Gregorian calendar. */
function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (Hinnant, `days_from_civil`). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12; // March = 0, so the leap day is the last day of the "year"
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day count since 1970-01-01 (Hinnant, `civil_from_days`). */
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatYmd(y: number, m: number, d: number): string {
  if (y < 1 || y > 9999) throw new RangeError(`date out of range: year ${y}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Splits a valid "YYYY-MM-DD" into numbers, or returns null. */
function parseYmd(s: string): [number, number, number] | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

function parseOrThrow(s: string): [number, number, number] {
  const p = parseYmd(s);
  if (!p) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return p;
}

/** True when `s` is a real calendar date written exactly as "YYYY-MM-DD" (years 0001–9999). */
export function isValidDate(s: unknown): s is string {
  return typeof s === "string" && parseYmd(s) !== null;
}

/**
 * Today's date in China.
 * @example todayInChina(Date.UTC(2026, 10, 22, 16, 0)) // "2026-11-23" (00:00 in Beijing)
 */
export function todayInChina(nowMs: number = Date.now()): string {
  return chinaDateOfUnix(Math.floor(nowMs / 1000));
}

/** The China calendar date of a Unix timestamp in seconds (as stored in D1 `created_at`). */
export function chinaDateOfUnix(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError("timestamp must be a finite number");
  const days = Math.floor((Math.floor(seconds) + CHINA_OFFSET_SECONDS) / SECONDS_PER_DAY);
  const [y, m, d] = civilFromDays(days);
  return formatYmd(y, m, d);
}

/**
 * The date `n` days after `date` (negative `n` goes back).
 * @example addDays("2026-02-28", 1) // "2026-03-01"
 */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError("days must be an integer");
  const [y, m, d] = parseOrThrow(date);
  const [y2, m2, d2] = civilFromDays(daysFromCivil(y, m, d) + n);
  return formatYmd(y2, m2, d2);
}

/**
 * Whole days from `a` to `b`: positive when `b` is later.
 * @example daysBetween("2026-01-01", "2026-01-08") // 7
 */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parseOrThrow(a);
  const [yb, mb, db] = parseOrThrow(b);
  return daysFromCivil(yb, mb, db) - daysFromCivil(ya, ma, da);
}

/** The month of a date, "YYYY-MM" (the period key of monthly allowances). */
export function monthOf(date: string): string {
  const [y, m] = parseOrThrow(date);
  return `${pad(y, 4)}-${pad(m, 2)}`;
}

/**
 * A date as written in official Chinese documents, without leading zeros.
 * @example formatChineseDate("2026-01-05") // "2026年1月5日"
 */
export function formatChineseDate(date: string): string {
  const [y, m, d] = parseOrThrow(date);
  return `${y}年${m}月${d}日`;
}
