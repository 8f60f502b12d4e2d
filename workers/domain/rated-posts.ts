import { eq } from "drizzle-orm";
import { type VillageOfficialPost, villageOfficialPayRates } from "../../db/schema/tenant/village-cadres.ts";
import type { ServiceContext } from "./service-context.ts";

/**
 * The posts a village-cadre pay program rates. A program with rates pays only those posts; one
 * with none pays every post its own amount. Here, not in workers/village-cadres, because both the
 * pay rules and the lookup picker ask it (and village-cadres already uses the lookup folder).
 * At most the 7 posts of the closed list.
 */
export async function ratedPosts(ctx: ServiceContext, programId: number): Promise<VillageOfficialPost[]> {
  const rows = await ctx.db
    .select({ post: villageOfficialPayRates.post })
    .from(villageOfficialPayRates)
    .where(eq(villageOfficialPayRates.programId, programId))
    .all();
  return rows.map((r) => r.post as VillageOfficialPost);
}
