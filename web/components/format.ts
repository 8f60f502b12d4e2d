/** Display helpers. Dates and times are shown in China Standard Time, whatever the server's zone. */
const timeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** Unix seconds → "2026/11/23 17:29:09" in Asia/Shanghai. */
export function formatTime(unixSeconds: number | null | undefined): string {
  if (unixSeconds == null) return "—";
  return timeFormat.format(new Date(unixSeconds * 1000));
}

/** Database sizes for operators: 1.5 MB (binary units, one decimal). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

// --- Money (integer fen, ¥1 = 100 fen): formatted with integer division only, never floats. ---

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be a safe integer of fen, got ${fen}`);
}

/** "-" and the yuan/fen digits of an amount, by integer division only. */
function split(fen: number): { sign: string; yuan: string; cents: string } {
  assertFen(fen);
  const abs = Math.abs(fen);
  return {
    sign: fen < 0 ? "-" : "",
    yuan: String(Math.floor(abs / 100)),
    cents: String(abs % 100).padStart(2, "0"),
  };
}

/**
 * Amount for people: yuan sign, thousands separators, always two decimals.
 * @example formatFen(123456) // "¥1,234.56"
 */
export function formatFen(fen: number): string {
  const { sign, yuan, cents } = split(fen);
  return `${sign}¥${yuan.replace(/\B(?=(\d{3})+$)/g, ",")}.${cents}`;
}

/**
 * Amount for CSV and form fields: no symbol, no separators, two decimals, so Excel reads it
 * as a number and `parseYuanToFen` reads it back unchanged.
 * @example formatFenPlain(123456) // "1234.56"
 */
export function formatFenPlain(fen: number): string {
  const { sign, yuan, cents } = split(fen);
  return `${sign}${yuan}.${cents}`;
}

/**
 * `part` as a percentage of `whole`, rounded half away from zero to basis points (0.01 %),
 * trailing zeros dropped. Returns "—" when `whole` is 0 (no budget: no meaningful share).
 * @example percentOf(375, 1000) // "37.5%"
 */
export function percentOf(part: number, whole: number): string {
  assertFen(part);
  assertFen(whole);
  if (whole === 0) return "—";
  const p = BigInt(part);
  const w = BigInt(whole);
  const negative = p < 0n !== w < 0n && p !== 0n;
  const ap = p < 0n ? -p : p;
  const aw = w < 0n ? -w : w;
  const bp = (ap * 20_000n + aw) / (2n * aw); // round(ap * 10000 / aw), half up
  const intPart = bp / 100n;
  const fracPart = (bp % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${negative && bp !== 0n ? "-" : ""}${intPart}${fracPart ? `.${fracPart}` : ""}%`;
}

const clockFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** Unix seconds → "08:05" in Asia/Shanghai (the check-in page: the day is shown next to it). */
export function formatClock(unixSeconds: number): string {
  return clockFormat.format(new Date(unixSeconds * 1000));
}

/**
 * A distance for people: metres below 1 km, else kilometres with one decimal.
 * @example formatDistance(350) // "350 米"; formatDistance(5230) // "5.2 公里"
 */
export function formatDistance(metres: number | null | undefined): string {
  if (metres == null) return "—";
  return metres < 1000 ? `${metres} 米` : `${(metres / 1000).toFixed(1)} 公里`;
}
