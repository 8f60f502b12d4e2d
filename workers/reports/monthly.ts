import type { ServiceContext } from "../domain/service-context.ts";

/**
 * Net payments (paid lines less their reversals) per month of `year`, by payment date. Money is
 * read by county roles only, whose scope is the whole tenant.
 */
export async function paymentsByMonth(ctx: ServiceContext, year: number): Promise<{ month: number; n: number }[]> {
  const rows = await ctx.d1
    .prepare(
      `SELECT CAST(substr(l.paid_date, 6, 2) AS INTEGER) AS month,
              sum(l.amount_fen - coalesce(r.amount_fen, 0)) AS n
         FROM batch_lines l LEFT JOIN reversals r ON r.line_id = l.id
        WHERE l.status = 'paid' AND l.paid_date >= ?1 AND l.paid_date <= ?2
        GROUP BY 1`,
    )
    .bind(`${year}-01-01`, `${year}-12-31`)
    .all<{ month: number; n: number }>();
  const by = new Map(rows.results.map((r) => [r.month, r.n]));
  return Array.from({ length: 12 }, (_, i) => ({ month: i + 1, n: by.get(i + 1) ?? 0 }));
}
