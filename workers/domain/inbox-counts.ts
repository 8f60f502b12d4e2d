import { and, eq, sum } from "drizzle-orm";
import { inboxCounts } from "../../db/schema/tenant/kept-counts.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * An unscoped inbox's total (one status, or all) from the trigger-kept counts: a primary-key read
 * instead of counting every objection or feedback of the county on each page.
 */
export async function keptInboxTotal(
  ctx: ServiceContext,
  inbox: "objections" | "feedback",
  status: string | undefined,
): Promise<number> {
  const row = await ctx.db
    .select({ n: sum(inboxCounts.n) })
    .from(inboxCounts)
    .where(and(eq(inboxCounts.inbox, inbox), status ? eq(inboxCounts.status, status) : undefined))
    .get();
  return Number(row?.n ?? 0);
}
