/**
 * Statistical division codes (统计用区划代码, National Bureau of Statistics).
 *
 * A 12-digit village code nests every level above it:
 *   51 01 12 | 001 | 001
 *   province, city, county (6) | township (9) | village (12)
 * so "is this village inside that township?" is a prefix test, and the codes alone are
 * enough to keep an import from putting a village under the wrong township or tenant.
 *
 * Tenants are identified by their own 6-digit code: a city-level tenant (市/州) such as
 * 511700 达州市 holds every county whose code starts with 5117; a county-level tenant such as
 * 510112 龙泉驿区 is exactly one county.
 */

export type DivisionKind = "county" | "township" | "village";
export type TenantLevel = "city" | "county";
export type DivisionCheck = { ok: true; value: string } | { ok: false; message: string };

const LENGTH: Record<DivisionKind, number> = { county: 6, township: 9, village: 12 };
const LABEL: Record<DivisionKind, string> = { county: "区县", township: "乡镇（街道）", village: "村（社区）" };
const PARENT_LABEL: Record<DivisionKind, string> = {
  county: "本地区",
  township: "所属区县",
  village: "所属乡镇（街道）",
};

/** Province-level codes of the mainland division code table, plus 71/81/82. */
const PROVINCE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 82],
];

function isProvinceCode(two: string): boolean {
  const n = Number(two);
  return PROVINCE_RANGES.some(([lo, hi]) => n >= lo && n <= hi);
}

/**
 * Checks a county, township or village code and, when `parentPrefix` is given, that it lies
 * inside that parent:
 * - county: parent is `tenantPrefix(level, tenantCode)` ("5117" for a city tenant,
 *   the full 6 digits for a county tenant);
 * - township: parent is the county's 6-digit code;
 * - village: parent is the township's 9-digit code.
 * Surrounding spaces are ignored (spreadsheet cells); the normalised code is returned.
 */
export function checkDivisionCode(
  kind: DivisionKind,
  code: string | null | undefined,
  parentPrefix?: string,
): DivisionCheck {
  const label = LABEL[kind];
  const len = LENGTH[kind];
  const v = (code ?? "").normalize("NFKC").trim();
  if (v === "") return { ok: false, message: `请填写${label}区划代码` };
  if (!/^\d+$/.test(v)) return { ok: false, message: `${label}区划代码只能包含数字` };
  if (v.length !== len) {
    return { ok: false, message: `${label}区划代码应为${len}位数字，当前为${v.length}位` };
  }
  if (!isProvinceCode(v.slice(0, 2))) {
    return { ok: false, message: `${label}区划代码前两位不是有效的省级代码` };
  }
  // A segment of zeros names the level above, not a unit of this level
  // (511700 is the city itself, 510112000 would be the county).
  const ownSegment = kind === "county" ? v.slice(4, 6) : v.slice(len - 3);
  if (/^0+$/.test(ownSegment)) {
    return { ok: false, message: `${label}区划代码末${ownSegment.length}位不能全为0` };
  }
  if (parentPrefix !== undefined) {
    if (!/^\d{2,12}$/.test(parentPrefix)) throw new RangeError(`invalid parent code: ${parentPrefix}`);
    if (!v.startsWith(parentPrefix)) {
      return { ok: false, message: `${label}区划代码 ${v} 不属于${PARENT_LABEL[kind]}（应以 ${parentPrefix} 开头）` };
    }
  }
  return { ok: true, value: v };
}

/**
 * The prefix every county code of a tenant starts with.
 * @example tenantPrefix("city", "511700") // "5117"
 * @example tenantPrefix("county", "510112") // "510112"
 * @throws RangeError when the tenant's code is not 6 digits (a catalog error, not user input).
 */
export function tenantPrefix(level: TenantLevel, divisionCode: string): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`tenant division code must be 6 digits: ${divisionCode}`);
  return level === "city" ? divisionCode.slice(0, 4) : divisionCode;
}

/** The kind of a code by its length, or null if it is none of county/township/village. */
export function divisionKindOf(code: string): DivisionKind | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 6:
      return "county";
    case 9:
      return "township";
    case 12:
      return "village";
    default:
      return null;
  }
}

/**
 * The code of the unit one level up: village → township (9), township → county (6).
 * Returns null for a county (its parent depends on the tenant) or a malformed code.
 */
export function parentDivisionCode(code: string): string | null {
  const kind = divisionKindOf(code);
  if (kind === "village") return code.slice(0, 9);
  if (kind === "township") return code.slice(0, 6);
  return null;
}
