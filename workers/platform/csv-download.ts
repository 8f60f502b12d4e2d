import type { Context } from "hono";
import { csvResponseBody, toCsv, type CsvCell } from "../lib/csv.ts";

/** A CSV download that Excel in China opens correctly (UTF-8 with BOM, CRLF). */
export function csvDownload(
  _c: Context,
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): Response {
  const body = csvResponseBody(toCsv([header, ...rows]));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
