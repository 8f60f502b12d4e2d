/**
 * Demo presence (issue 12, seed 001) on top of the `registry` module: village locations, two
 * weeks of 签到 for the resident cadres (imported history, as counties kept it in DingTalk), with
 * some far-from-village and no-location check-ins, two cadres silent for over a week (长期不在岗
 * on the coverage screen), and 请假 in every state, some in the demo township for its officer.
 * The demo cadre has history but nothing today, so the check-in page starts empty.
 * One D1 batch with the module's `seed.demo` audit entry; idempotent.
 */
import { sql } from "drizzle-orm";
import { addDays } from "../../../workers/lib/dates.ts";
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { intBetween, mulberry32, seedFromString } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { bulk, nextIds, TODAY, unixAt, type Item, type Row } from "./lib.ts";

/** Roughly the seat of each demo tenant (WGS-84); villages are scattered within ~25 km. */
const CENTRE: Record<string, [number, number]> = {
  longquanyi: [30.556, 104.274],
  pingchuan: [36.727, 104.825],
  dazhou: [31.209, 107.468],
};

type ActiveAssignment = { id: number; cadreId: number; villageId: number; townshipCode: string; startDate: string };

export const peopleSeed: SeedModule = {
  name: "people",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo check-ins and leave present");
    const existing = await ctx.d1
      .prepare("SELECT (SELECT count(*) FROM check_ins) + (SELECT count(*) FROM leaves) AS n")
      .first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return ctx.log("check-ins or leave already exist (not from the seed); skipped");
    const rng = mulberry32(seedFromString(`${ctx.tenant.slug}/people`));
    const today = TODAY();
    const [lat0, lng0] = CENTRE[ctx.tenant.slug] ?? [30, 104];

    const villages = (
      await ctx.d1
        .prepare("SELECT id, code FROM villages WHERE latitude IS NULL ORDER BY id")
        .all<{ id: number; code: string }>()
    ).results;
    const located = new Map<number, [number, number]>();
    const items: Item[] = [];
    // Every tenth village stays without a location (its check-ins are flagged 村未登记位置).
    villages.forEach((v, i) => {
      if (i % 10 === 9) return;
      const lat = Math.round((lat0 + (rng() - 0.5) * 0.4) * 1e6) / 1e6;
      const lng = Math.round((lng0 + (rng() - 0.5) * 0.5) * 1e6) / 1e6;
      located.set(v.id, [lat, lng]);
    });
    if (located.size > 0)
      items.push(
        ctx.db.run(
          // One statement for all villages: a JSON literal of [id, lat, lng] (numbers only, nothing to escape).
          sqlRaw(
            `UPDATE villages SET latitude = (SELECT json_extract(value, '$[1]') FROM json_each('${JSON.stringify([...located].map(([id, [a, b]]) => [id, a, b]))}') WHERE json_extract(value, '$[0]') = villages.id),
             longitude = (SELECT json_extract(value, '$[2]') FROM json_each('${JSON.stringify([...located].map(([id, [a, b]]) => [id, a, b]))}') WHERE json_extract(value, '$[0]') = villages.id)
             WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each('${JSON.stringify([...located].map(([id]) => [id]))}'))`,
          ),
        ),
      );

    const assignments = (
      await ctx.d1
        .prepare(
          `SELECT a.id, a.cadre_id AS cadreId, a.village_id AS villageId, v.township_code AS townshipCode, a.start_date AS startDate
           FROM assignments a JOIN villages v ON v.id = a.village_id WHERE a.status = 'active' ORDER BY a.id`,
        )
        .all<ActiveAssignment>()
    ).results;
    const users = (
      await ctx.d1
        .prepare("SELECT id, username, cadre_id AS cadreId FROM users WHERE username IN ('admin', 'cadre', 'township')")
        .all<{ id: number; username: string; cadreId: number | null }>()
    ).results;
    const byName = new Map(users.map((u) => [u.username, u]));
    const admin = byName.get("admin")?.id ?? 1;
    const demoCadre = byName.get("cadre");
    const ids = await nextIds(ctx, ["check_ins", "leaves"] as const);

    const checkIns: Row[] = [];
    const leaves: Row[] = [];
    const silent = new Set<number>();
    // Two resident cadres outside the demo cadre's assignment are silent for 9+ days.
    const others = assignments.filter((a) => a.cadreId !== demoCadre?.cadreId);
    const inDemoTownship = others.filter((a) => a.townshipCode === ctx.tenant.townshipCode);
    for (const a of inDemoTownship.length >= 2 ? inDemoTownship : others) if (silent.size < 2) silent.add(a.id);
    for (const a of assignments) {
      const mine = a.cadreId === demoCadre?.cadreId;
      const by = mine ? demoCadre!.id : admin;
      const place = located.get(a.villageId) ?? null;
      // Last 14 days, not today (the demo cadre checks in live).
      const last = silent.has(a.id) ? 10 : 1;
      for (let back = 14; back >= last; back--) {
        const day = addDays(today, -back);
        if (day < a.startDate || rng() < 0.12) continue; // a day away now and then
        for (const [slot, hour] of [
          ["morning", 8],
          ["evening", 17],
        ] as const) {
          if (rng() < 0.08) continue;
          const r = rng();
          const far = r < 0.04;
          const noLocation = !far && r < 0.1;
          const acc = intBetween(rng, 8, 60);
          const at = unixAt(day, hour, intBetween(rng, 0, 50));
          const near = place ? [place[0] + (rng() - 0.5) * 0.004, place[1] + (rng() - 0.5) * 0.004] : null;
          const lat = noLocation ? null : place ? (far ? place[0] + 0.08 : near![0]) : lat0;
          const lng = noLocation ? null : place ? near![1] : lng0;
          checkIns.push({
            id: ids.check_ins(),
            assignment_id: a.id,
            day,
            slot,
            checked_at: at,
            latitude: lat == null ? null : Math.round(lat * 1e6) / 1e6,
            longitude: lng == null ? null : Math.round(lng * 1e6) / 1e6,
            accuracy_m: noLocation ? null : acc,
            distance_m: noLocation || !place ? null : far ? intBetween(rng, 8800, 9200) : intBetween(rng, 20, 300),
            flag: noLocation ? "no_location" : !place ? "village_unlocated" : far ? "far" : null,
            no_location_reason: noLocation ? "denied" : null,
            note: null,
            created_by: by,
            created_at: at,
          });
        }
      }
    }
    // 请假 in every state, in the demo township where there are assignments there.
    const local = others.filter((a) => a.townshipCode === ctx.tenant.townshipCode && !silent.has(a.id));
    const pool = local.length > 0 ? local : others.filter((a) => !silent.has(a.id));
    const leaveSpecs = [
      { kind: "personal", from: 3, len: 2, status: "pending", reason: "孩子开家长会" },
      { kind: "sick", from: -20, len: 3, status: "returned", reason: "感冒发烧，县医院输液", returned: 2 },
      { kind: "official", from: 6, len: 5, status: "approved", reason: "参加市委组织部第一书记轮训（五天）" },
      { kind: "personal", from: -40, len: 2, status: "rejected", reason: "回家收玉米" },
    ] as const;
    const mine = assignments.find((a) => a.cadreId === demoCadre?.cadreId);
    leaveSpecs.forEach((s, i) => {
      // The demo cadre's own history: the sick leave, closed by 销假.
      const a = s.status === "returned" && mine ? mine : pool[i % Math.max(pool.length, 1)];
      if (!a) return;
      const start = addDays(today, s.from);
      if (start < a.startDate) return;
      const decided = s.status !== "pending";
      leaves.push({
        id: ids.leaves(),
        assignment_id: a.id,
        kind: s.kind,
        start_date: start,
        end_date: addDays(start, s.len - 1),
        reason: s.reason,
        status: s.status,
        requested_by: a.cadreId === demoCadre?.cadreId ? demoCadre!.id : admin,
        decided_by: decided ? (byName.get("township")?.id ?? admin) : null,
        decided_at: decided ? unixAt(addDays(start, -1), 10) : null,
        decision_note: s.status === "rejected" ? "秋收期间村里工作任务重，请调整时间" : decided ? "同意" : null,
        returned_on: "returned" in s ? addDays(start, s.returned) : null,
        created_at: unixAt(addDays(start, -2), 9),
        updated_at: unixAt(addDays(start, -1), 10),
      });
    });

    items.push(...bulk(ctx, "check_ins", checkIns), ...bulk(ctx, "leaves", leaves));
    // As a check-in does (workers/check-ins/service.ts): months without recorded days get their
    // check-in days as reported days, for the township to confirm.
    items.push(
      ctx.db.run(
        sql`INSERT INTO attendance (assignment_id, month, days, status, reported_by)
          SELECT assignment_id, substr(day, 1, 7), count(DISTINCT day), 'reported', max(created_by) FROM check_ins WHERE true
          GROUP BY assignment_id, substr(day, 1, 7)
          ON CONFLICT (assignment_id, month) DO NOTHING`,
      ),
    );
    const counts = {
      villages_located: located.size,
      check_ins: checkIns.length,
      leaves: leaves.length,
      silent: silent.size,
    };
    await commitSeed(ctx, items, { counts });
    ctx.log(
      `${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}`,
    );
  },
};

const sqlRaw = (text: string) => sql.raw(text);
