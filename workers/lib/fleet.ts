/**
 * Pure helpers for operating many tenants (issue 13): migration numbers, provinces of division
 * codes, the operator's result table, and a request budget for Cloudflare's API rate limit.
 * No I/O: used by db/scripts, the platform home and the operator page alike.
 */

/** `0010_cadre_rank.sql` → 10; a name without a leading number is a programming error. */
export function migrationNumber(name: string): number {
  const m = /^(\d+)_/.exec(name);
  if (!m) throw new Error(`migration file name does not start with a number: ${name}`);
  return Number(m[1]);
}

/** Province-level units by the first two digits of a division code (GB/T 2260). */
export const PROVINCES: Readonly<Record<string, string>> = {
  "11": "北京市",
  "12": "天津市",
  "13": "河北省",
  "14": "山西省",
  "15": "内蒙古自治区",
  "21": "辽宁省",
  "22": "吉林省",
  "23": "黑龙江省",
  "31": "上海市",
  "32": "江苏省",
  "33": "浙江省",
  "34": "安徽省",
  "35": "福建省",
  "36": "江西省",
  "37": "山东省",
  "41": "河南省",
  "42": "湖北省",
  "43": "湖南省",
  "44": "广东省",
  "45": "广西壮族自治区",
  "46": "海南省",
  "50": "重庆市",
  "51": "四川省",
  "52": "贵州省",
  "53": "云南省",
  "54": "西藏自治区",
  "61": "陕西省",
  "62": "甘肃省",
  "63": "青海省",
  "64": "宁夏回族自治区",
  "65": "新疆维吾尔自治区",
};

export interface Province {
  code: string;
  name: string;
}

export function provinceOf(divisionCode: string): Province {
  const code = divisionCode.slice(0, 2);
  return { code, name: PROVINCES[code] ?? `其他（${code}）` };
}

/** Groups rows (already ordered by division code) by province, keeping the order. */
export function groupByProvince<T extends { divisionCode: string }>(
  rows: readonly T[],
): { province: Province; items: T[] }[] {
  const groups: { province: Province; items: T[] }[] = [];
  for (const row of rows) {
    const p = provinceOf(row.divisionCode);
    const last = groups[groups.length - 1];
    if (last && last.province.code === p.code) last.items.push(row);
    else groups.push({ province: p, items: [row] });
  }
  return groups;
}

/** A plain-text table for terminals: columns padded by display width (CJK counts double). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + " ".repeat(Math.max(0, cols[i]! - width(c))))
      .join("  ")
      .trimEnd();
  return [line(header), line(cols.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * A sliding-window request budget: Cloudflare's API allows 1,200 requests per 5 minutes per
 * user. `delayFor` says how long to wait before spending `cost` more requests, given the times
 * (ms) of requests already spent; the caller sleeps, then records them with `spend`.
 */
export class RequestBudget {
  private readonly spent: number[] = [];
  constructor(
    readonly limit = 1_200,
    readonly windowMs = 5 * 60_000,
  ) {}

  delayFor(cost: number, now: number): number {
    if (cost > this.limit) throw new Error(`a step of ${cost} requests exceeds the budget of ${this.limit}`);
    while (this.spent.length && this.spent[0]! <= now - this.windowMs) this.spent.shift();
    const over = this.spent.length + cost - this.limit;
    if (over <= 0) return 0;
    // Wait until the oldest `over` requests leave the window.
    return this.spent[over - 1]! + this.windowMs - now;
  }

  spend(cost: number, now: number): void {
    for (let i = 0; i < cost; i++) this.spent.push(now);
  }
}

/** The bookmark of `wrangler d1 time-travel info --json`; without one the database is not migrated. */
export function parseBookmark(out: string): string {
  const start = out.indexOf("{");
  let bookmark: unknown;
  try {
    bookmark = (JSON.parse(out.slice(start)) as { bookmark?: unknown }).bookmark;
  } catch {
    bookmark = undefined;
  }
  if (start < 0 || typeof bookmark !== "string" || !/^[\w-]{8,200}$/.test(bookmark))
    throw new Error(`no Time Travel bookmark in wrangler's answer, not migrating: ${out.trim().slice(0, 200)}`);
  return bookmark;
}
