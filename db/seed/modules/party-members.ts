/**
 * Demo party members (issue 12, seeds 002, 004) on top of `registry`: about one household in four
 * has its head as a party member, some members too; party members of poor or monitored households
 * are 贫困党员 (the care fund's recipients, seed 004); a few are 农村党员致富先锋 (seed 002).
 * Runs before `publications`, whose money part pays the care fund and the 致富先锋 award to these
 * members (recipient kind party_member).
 * One D1 batch with the module's `seed.demo` audit entry; idempotent.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { intBetween, mulberry32, seedFromString } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { bulk, nextIds, TODAY, unixAt, type Row } from "./lib.ts";

export const partyMembersSeed: SeedModule = {
  name: "party-members",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo party members present");
    const existing = await ctx.d1.prepare("SELECT count(*) AS n FROM party_members").first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return ctx.log("party member records already exist; skipped");
    const rng = mulberry32(seedFromString(`${ctx.tenant.slug}/party-members`));
    const today = TODAY();
    const admin =
      (await ctx.d1.prepare("SELECT id FROM users WHERE username = 'admin'").first<{ id: number }>())?.id ?? 1;
    const ids = await nextIds(ctx, ["party_members"] as const);

    const households = (
      await ctx.d1
        .prepare("SELECT id, head_name AS name, village_id AS villageId, status FROM households ORDER BY id")
        .all<{ id: number; name: string; villageId: number; status: string }>()
    ).results;
    const members = (
      await ctx.d1
        .prepare("SELECT id, household_id AS householdId, name FROM household_members ORDER BY id")
        .all<{ id: number; householdId: number; name: string }>()
    ).results;

    const party: Row[] = [];
    const pm = (h: (typeof households)[number], memberId: number | null, name: string, pioneer: boolean) => {
      const at = unixAt(addDays(today, -intBetween(rng, 30, 400)), 10);
      party.push({
        id: ids.party_members(),
        household_id: h.id,
        household_member_id: memberId,
        name,
        village_id: h.villageId,
        joined_on: `${intBetween(rng, 1975, 2020)}-07-01`,
        poor: h.status === "poor" || h.status === "monitored",
        pioneer_year: pioneer ? intBetween(rng, 2023, 2025) : null,
        pioneer_note: pioneer ? "带头发展特色种养，带动周边农户增收" : null,
        note: null,
        created_by: admin,
        created_at: at,
        updated_at: at,
      });
    };
    const byHousehold = new Map<number, (typeof members)[number][]>();
    for (const m of members) byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m]);
    households.forEach((h, i) => {
      if (i % 4 === 0) pm(h, null, h.name, i % 20 === 8 && h.status === "exited");
      const m = byHousehold.get(h.id)?.[0];
      if (m && i % 9 === 3) pm(h, m.id, m.name, i % 27 === 3);
    });

    await commitSeed(ctx, bulk(ctx, "party_members", party), { party_members: party.length });
    ctx.log(`${party.length} party members`);
  },
};
