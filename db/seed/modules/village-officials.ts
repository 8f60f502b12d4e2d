/**
 * Demo 村两委 roster (issue 12, seeds 001, 002, 004) on top of the `registry` module: every village
 * has a secretary, a director unless 一肩挑, a deputy, a clerk, members and 组干部, with term dates
 * from the 2021 换届, sources and honours; some cadres left office (离任补助) or were removed.
 * It runs before `publications`, whose demo batches pay the village-cadre programs of
 * db/seed/data from this roster (./money.ts). One D1 batch with its `seed.demo` audit entry; idempotent.
 */
import { encryptPiiAt, searchHash } from "../../../workers/lib/pii-crypto.ts";
import { seedPiiKeys } from "../core/keys.ts";
import { idNumberBirthDate, idNumberSex } from "../../../workers/lib/id-number.ts";
import { idNumberSlot } from "../../../workers/village-cadres/service.ts";
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { intBetween, mulberry32, personName, seedFromString, weightedPick, type Rng } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { bulk, dateBetween, idNumber, nextIds, TODAY, type Row } from "./lib.ts";

/** Share of villages with 一肩挑 per tenant (seed 001: 平川 above 85 %). */
const CONCURRENT_SHARE: Record<string, number> = { pingchuan: 0.87, longquanyi: 0.6, dazhou: 0.5 };
const SOURCES = [
  ["wealth_leader", 5],
  ["other", 4],
  ["veteran", 2],
  ["returnee_entrepreneur", 2],
  ["college_graduate", 1],
  ["township_dispatched", 1],
] as const;
const HONOURS = [
  ["none", 30],
  ["county", 5],
  ["city", 2],
  ["provincial", 1],
] as const;
const HONOUR_TEXT: Record<string, string> = {
  county: "县级优秀村干部",
  city: "市级优秀村党组织书记",
  provincial: "省级优秀村党组织书记",
};

type Person = { post: string; minAge: number; maxAge: number; concurrent?: boolean; source?: string };

export const villageOfficialsSeed: SeedModule = {
  name: "village-officials",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo village cadres present");
    const existing = await ctx.d1.prepare("SELECT count(*) AS n FROM village_officials").first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return ctx.log("village cadres already exist (not from the seed); skipped");
    const slug = ctx.tenant.slug;
    // The seed string of the module this roster came from, so the demo keeps its people.
    const rng: Rng = mulberry32(seedFromString(`${slug}/village-cadres`));
    const keys = await seedPiiKeys(ctx);
    const today = TODAY();
    const year = Number(today.slice(0, 4));
    const region = slug === "pingchuan" ? "gansu" : "sichuan";
    // The demo township's villages first, then every village up to a size the screens show well.
    const villages = (
      await ctx.d1
        .prepare("SELECT id, code, tags FROM villages ORDER BY township_code = ? DESC, id LIMIT 120")
        .bind(ctx.tenant.townshipCode)
        .all<{ id: number; code: string; tags: string }>()
    ).results;
    const ids = await nextIds(ctx, ["village_officials"] as const);
    const seen = new Set<string>();
    const rows: Row[] = [];
    const add = async (
      villageId: number,
      code: string,
      p: Person,
      status: "serving" | "left" | "removed" = "serving",
    ) => {
      const age = intBetween(rng, p.minAge, p.maxAge);
      const sex = rng() < (p.post === "clerk" || p.post === "member" ? 0.45 : 0.15) ? "female" : "male";
      const no = idNumber(rng, code.slice(0, 6), year - age, sex, seen);
      const id = ids.village_officials();
      const fresh = rng() < 0.25;
      const termStart =
        status !== "serving"
          ? dateBetween(rng, "2011-01-01", "2016-12-31")
          : fresh
            ? dateBetween(rng, `${year}-01-01`, today)
            : dateBetween(rng, "2021-01-05", "2021-03-31");
      const honour = p.post === "party_secretary" ? weightedPick(rng, HONOURS) : "none";
      rows.push({
        id,
        village_id: villageId,
        name: personName(rng, { region, sex, birthYear: year - age }),
        id_number_enc: await encryptPiiAt(keys, no, idNumberSlot(id)),
        id_number_hash: await searchHash(keys, no),
        id_number_first4: no.slice(0, 4),
        id_number_last4: no.slice(-4),
        birth_date: idNumberBirthDate(no),
        sex: idNumberSex(no),
        post: p.post,
        concurrent_director: status === "serving" && !!p.concurrent,
        full_time_secretary: status === "serving" && p.post === "party_secretary" && rng() < 0.15,
        source: p.source ?? weightedPick(rng, SOURCES),
        party_member: p.post !== "group_leader" || rng() < 0.5,
        election_year: termStart.startsWith("2021") ? 2021 : null,
        term_start: termStart,
        term_end: status === "serving" ? null : dateBetween(rng, `${year}-01-01`, today),
        status,
        honour_level: honour,
        honours: HONOUR_TEXT[honour] ?? null,
      });
    };
    for (const [i, v] of villages.entries()) {
      const poor = /"(poor|deeply_poor)"/.test(v.tags);
      const concurrent = rng() < (CONCURRENT_SHARE[slug] ?? 0.6);
      await add(v.id, v.code, { post: "party_secretary", minAge: 36, maxAge: 58, concurrent });
      if (!concurrent) await add(v.id, v.code, { post: "committee_director", minAge: 35, maxAge: 60 });
      await add(v.id, v.code, { post: "deputy_director", minAge: 30, maxAge: 55 });
      await add(v.id, v.code, { post: "clerk", minAge: 24, maxAge: 50 });
      // Seed 004: 1–2 members aged 35 or under in a poor village (most of them, not all).
      const young = poor && rng() < 0.8 ? intBetween(rng, 1, 2) : 0;
      for (let k = 0; k < young; k++) await add(v.id, v.code, { post: "member", minAge: 23, maxAge: 35 });
      await add(v.id, v.code, { post: "member", minAge: 38, maxAge: 60 });
      for (let k = intBetween(rng, 1, 3); k > 0; k--)
        await add(v.id, v.code, { post: "group_leader", minAge: 35, maxAge: 65 });
      // Now and then someone who left this year (离任补助) or was removed.
      if (i % 7 === 3) await add(v.id, v.code, { post: "deputy_director", minAge: 55, maxAge: 66 }, "left");
      if (i % 23 === 5) await add(v.id, v.code, { post: "member", minAge: 40, maxAge: 60 }, "removed");
    }

    await commitSeed(ctx, bulk(ctx, "village_officials", rows), { villageOfficials: rows.length });
    ctx.log(`${rows.length} village cadres in ${villages.length} villages`);
  },
};
