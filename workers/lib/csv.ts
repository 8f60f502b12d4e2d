/**
 * CSV as Chinese Excel users produce and consume it (imports of households, cadres and
 * payment lists; exports of batches and reports).
 *
 * Decisions:
 * - Own RFC 4180 parser instead of a package: the dialect is fixed (comma, double quotes),
 *   the parser is ~60 lines, and the candidates weigh more than this whole module once
 *   bundled (papaparse ~19 KB minified, UMD, delimiter guessing and worker-thread code we
 *   would not use; csv-parse's browser build carries a Buffer polyfill, ~120 KB ESM).
 * - Encoding: Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK), "CSV UTF-8"
 *   with a BOM, and WPS or web tools save UTF-8 without one. Valid UTF-8 is taken as UTF-8;
 *   anything else is decoded as GB18030 (a superset of GBK and GB2312). workerd's and
 *   Node's TextDecoder both support "gb18030" (tested in tests/unit/csv.test.ts), so no
 *   decoding library is needed.
 * - Export: UTF-8 with a BOM (Excel otherwise guesses the ANSI code page and shows mojibake),
 *   CRLF line ends, and cells defused against formula injection.
 */

/** A CSV problem to show to the official who uploaded the file (message in zh-CN). */
export class CsvError extends Error {
  /** 1-based row as Excel numbers it (header = row 1), when the problem has a row. */
  readonly row: number | undefined;
  constructor(message: string, row?: number) {
    super(message);
    this.name = "CsvError";
    this.row = row;
  }
}

// ---------------------------------------------------------------------------------------
// Decoding

export interface DecodedCsv {
  text: string;
  encoding: "utf-8" | "gb18030";
}

/**
 * Turns uploaded bytes into text: strips a UTF-8 BOM, uses UTF-8 when the bytes are valid
 * UTF-8 and GB18030 otherwise. GBK text is almost never valid UTF-8 (its lead bytes are
 * 0x81–0xFE followed by bytes that UTF-8 forbids in those positions), so the order is safe.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    // ignoreBOM keeps a second BOM (if any) as text instead of silently dropping it.
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: "utf-8" };
  } catch {
    if (hasBom) {
      // The file claims UTF-8; keep that and mark the broken bytes (U+FFFD) rather than
      // reinterpreting the whole file as GB18030.
      return { text: new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(body), encoding: "utf-8" };
    }
    return { text: new TextDecoder("gb18030").decode(body), encoding: "gb18030" };
  }
}

// ---------------------------------------------------------------------------------------
// Parsing

/**
 * Parses CSV text into rows of cells (RFC 4180): double-quoted fields, "" for a quote,
 * commas and line breaks inside quotes, CRLF, LF or lone CR (old Mac Excel) between rows,
 * an optional final line break. A blank line is a row with one empty cell, so row indexes
 * stay equal to Excel's row numbers minus one.
 *
 * Lenient where Excel is lenient: a quote inside an unquoted field and text after a closing
 * quote are kept literally. An unclosed quote is an error (it would swallow the rest of the
 * file into one cell).
 * @throws CsvError on an unclosed quote.
 */
export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  const n = s.length;
  // The next quote, CR and LF at or after i, each kept until passed, so a 100,000-row file is
  // searched once for each of them (not once per row). -1: none left.
  let quote = -2;
  let cr = -2;
  let lf = -2;
  let i = 0;
  while (i < n) {
    if (quote !== -1 && quote < i) quote = s.indexOf('"', i);
    if (cr !== -1 && cr < i) cr = s.indexOf("\r", i);
    if (lf !== -1 && lf < i) lf = s.indexOf("\n", i);
    const end = Math.min(cr === -1 ? n : cr, lf === -1 ? n : lf);
    if (quote !== -1 && quote < end) {
      i = quotedRow(s, i, rows);
      continue;
    }
    // A row without quotes (nearly every row of a payroll file): its cells are split at once.
    rows.push(s.slice(i, end).split(","));
    i = end === n ? n : end + (s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return rows;
}

/** Parses the row starting at `i` that holds a quote, adds it to `rows`, returns where the next row starts. */
function quotedRow(s: string, start: number, rows: string[][]): number {
  const n = s.length;
  const row: string[] = [];
  let field = "";
  let i = start;
  while (i < n) {
    const c = s[i]!;
    if (c === '"' && field === "") {
      // Quoted field: read up to the closing quote; "" is a literal quote.
      const startRow = rows.length + 1;
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1) throw new CsvError(`第${startRow}行：引号未闭合，请检查该行的双引号`, startRow);
        field += s.slice(i, q);
        if (s[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(field);
      rows.push(row);
      return i + (c === "\r" && s[i + 1] === "\n" ? 2 : 1);
    } else {
      // Plain text up to the next delimiter, in one slice.
      let j = i + 1;
      while (j < n && s[j] !== "," && s[j] !== "\r" && s[j] !== "\n") j++;
      field += s.slice(i, j);
      i = j;
    }
  }
  // The last row has no line break after it.
  row.push(field);
  rows.push(row);
  return n;
}

/** One expected column of an import template. */
export interface CsvColumn<K extends string = string> {
  /** Property name in the parsed record. */
  key: K;
  /** Header as it appears in the template (zh-CN), e.g. "身份证号". */
  header: string;
  /** Other headers accepted for this column, e.g. ["身份证号码", "证件号码"]. */
  aliases?: readonly string[];
  /** Whether the file must contain this column; defaults to true. */
  required?: boolean;
}

export interface CsvRecord<K extends string> {
  /** Excel row number (header = 1, first data row = 2). */
  row: number;
  /** Trimmed cell values by column key; "" for an empty cell or an absent optional column. */
  values: Record<K, string>;
}

export type CsvRecordsResult<K extends string> =
  | { ok: true; records: CsvRecord<K>[]; ignoredHeaders: string[] }
  | { ok: false; message: string; row?: number };

/**
 * Headers are matched loosely: templates get retyped, so spaces anywhere, full-width
 * characters and the "*" that templates put on required columns do not matter.
 */
function headerKey(h: string): string {
  return h
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^\*+|\*+$/g, "");
}

/** Undoes `toCsv`'s defences so an exported file imports back unchanged. */
function cleanCell(v: string): string {
  const t = v.trim();
  return /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

/**
 * Parses CSV text with a header row into records keyed by column key. Unknown columns are
 * ignored (and listed, so the UI can warn); rows where every cell is blank are skipped.
 * Errors (zh-CN) name every missing required header at once and duplicate headers.
 * @example parseCsvRecords(text, [{ key: "name", header: "姓名" }, { key: "idNumber", header: "身份证号", aliases: ["身份证号码"] }])
 */
export function parseCsvRecords<K extends string>(text: string, columns: readonly CsvColumn<K>[]): CsvRecordsResult<K> {
  const sheet = parseCsvSheet(text, columns);
  if (!sheet.ok) return sheet;
  return { ok: true, records: sheetRecords(sheet, 1, sheet.rows.length), ignoredHeaders: sheet.ignoredHeaders };
}

/**
 * A parsed file whose header is matched but whose rows are still plain cells: a 100,000-row
 * file can be turned into records a slice at a time (`sheetRecords`), so that the records, the
 * lookups made for them and the rows themselves never all sit in an isolate's 128 MB at once.
 */
export interface CsvSheet<K extends string> {
  ok: true;
  /** Every row as cells, the header at index 0; `sheetRecords` empties the rows it has read. */
  rows: string[][];
  /** Rows with at least one non-blank cell, the header excluded. */
  recordCount: number;
  indexOf: ReadonlyMap<K, number>;
  columns: readonly CsvColumn<K>[];
  ignoredHeaders: string[];
}

/** The header half of `parseCsvRecords`: same errors, rows left as cells. */
export function parseCsvSheet<K extends string>(
  text: string,
  columns: readonly CsvColumn<K>[],
): CsvSheet<K> | { ok: false; message: string; row?: number } {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, message: e.message, row: e.row };
    throw e;
  }
  const headerRow = rows[0];
  if (!headerRow || headerRow.every((h) => h.trim() === "")) {
    return { ok: false, message: "文件为空或第1行没有表头" };
  }

  const byHeader = new Map<string, CsvColumn<K>>();
  for (const col of columns) {
    for (const h of [col.header, ...(col.aliases ?? [])]) byHeader.set(headerKey(h), col);
  }

  const indexOf = new Map<K, number>();
  const ignoredHeaders: string[] = [];
  for (const [i, raw] of headerRow.entries()) {
    const col = byHeader.get(headerKey(raw));
    if (!col) {
      if (raw.trim() !== "") ignoredHeaders.push(raw.trim());
      continue;
    }
    if (indexOf.has(col.key)) {
      return { ok: false, message: `表头“${col.header}”出现了不止一次，请只保留一列`, row: 1 };
    }
    indexOf.set(col.key, i);
  }

  const missing = columns.filter((c) => c.required !== false && !indexOf.has(c.key)).map((c) => `“${c.header}”`);
  if (missing.length > 0) {
    return { ok: false, message: `缺少必需的列：${missing.join("、")}。请使用导入模板，表头在第1行`, row: 1 };
  }
  let recordCount = 0;
  for (let r = 1; r < rows.length; r++) if (!isBlank(rows[r]!)) recordCount++;
  return { ok: true, rows, recordCount, indexOf, columns, ignoredHeaders };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");
const READ: string[] = [];

/** Records of rows `from` ≤ r < `to` (blank rows skipped); those rows are emptied once read. */
export function sheetRecords<K extends string>(sheet: CsvSheet<K>, from: number, to: number): CsvRecord<K>[] {
  const records: CsvRecord<K>[] = [];
  for (let r = Math.max(1, from); r < Math.min(to, sheet.rows.length); r++) {
    const cells = sheet.rows[r]!;
    sheet.rows[r] = READ;
    if (isBlank(cells)) continue;
    const values = {} as Record<K, string>;
    for (const col of sheet.columns) {
      const i = sheet.indexOf.get(col.key);
      values[col.key] = i === undefined ? "" : cleanCell(cells[i] ?? "");
    }
    records.push({ row: r + 1, values });
  }
  return records;
}

// ---------------------------------------------------------------------------------------
// Writing

export type CsvCell = string | number | null | undefined;

/**
 * One cell as CSV text.
 * - Text starting with = + - @ tab or CR gets a leading ' so Excel and WPS show it instead of
 *   running it as a formula (OWASP "CSV injection"); numbers are written as they are.
 * - Text of 12 or more digits (ID numbers without X, bank accounts, village codes) gets a
 *   leading tab: otherwise Excel shows 5.10112E+17 and silently zeroes digits after the 15th.
 *   `parseCsvRecords` trims it away on re-import.
 */
function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let s: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    s = String(value);
  } else {
    s = value;
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    else if (/^\d{12,}$/.test(s)) s = `\t${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text with CRLF line ends (what Excel writes), ending with a line break. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => `${r.map(cell).join(",")}\r\n`).join("");
}

/**
 * Bytes for a CSV download: UTF-8 with a BOM, which is how Excel recognises UTF-8 and shows
 * Chinese correctly. Serve with `text/csv; charset=utf-8`.
 */
export function csvResponseBody(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}
