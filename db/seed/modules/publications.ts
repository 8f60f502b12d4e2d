/**
 * Demo money and disclosure (issues 4 and 5) for one demo tenant, on top of the `registry`
 * module: programs, budgets, batches and lines in every state, notices, objections, reversals,
 * household decisions (./money.ts); projects, 四议两公开 decisions, feedback (./disclosure.ts).
 * Both parts publish to the one ledger; their events are put on the chain in date order here,
 * so the ledger reads chronologically, and the notice/stage rows learn their `ledger_seq`.
 * One D1 batch with the module's `seed.demo` audit entry; idempotent.
 */
import { seedPiiKeys } from "../core/keys.ts";
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { mulberry32, seedFromString } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { buildDisclosure } from "./disclosure.ts";
import { buildMoney, type RegistryView } from "./money.ts";
import { bulk, ledgerHead, ledgerRows, nextIds, TODAY, type Item, type LedgerEvent } from "./lib.ts";

export const publicationsSeed: SeedModule = {
  name: "publications",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo money and disclosure present");
    const existing = await ctx.d1
      .prepare("SELECT (SELECT count(*) FROM programs) + (SELECT count(*) FROM village_decisions) AS n")
      .first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return ctx.log("programs or decisions already exist (not from the seed); skipped");
    const reg = await readRegistry(ctx);
    if (reg.villages.length === 0) return ctx.log("no villages; skipped");
    const started = Date.now();
    const today = TODAY();
    const rng = mulberry32(seedFromString(`${ctx.tenant.slug}/publications`));
    const keys = await seedPiiKeys(ctx);
    const ids = await nextIds(ctx, [
      "programs",
      "batches",
      "batch_lines",
      "reversals",
      "notices",
      "objections",
      "household_decisions",
      "household_status_events",
      "projects",
      "village_decisions",
      "decision_stages",
      "feedback",
    ] as const);
    const events: LedgerEvent[] = [];
    const money = await buildMoney(ctx, rng, keys, reg, ids, events, today);
    const disclosure = await buildDisclosure(ctx, rng, keys, reg, ids, events, today);

    const head = await ledgerHead(ctx);
    const ledger = await ledgerRows(head, events);
    for (const [row, ev] of [...money.noticeLedger, ...disclosure.stageLedger]) row.ledger_seq = ev.seq!;

    const r = { ...money.rows, ...disclosure.rows };
    const order = [
      "programs",
      "village_official_pay_rates",
      "budgets",
      "projects",
      "batches",
      "batch_lines",
      "payment_claims",
      "reversals",
      "notices",
      "notice_chunks",
      "objections",
      "household_decisions",
      "household_status_events",
      "village_decisions",
      "decision_stages",
      "feedback",
    ];
    const items: Item[] = [...bulk(ctx, "ledger_entries", ledger)];
    for (const t of order) items.push(...bulk(ctx, t, r[t] ?? []));
    items.push(...money.updates(ctx));
    const counts = { ...money.counts, ...disclosure.counts, ledger_entries: ledger.length };
    await commitSeed(ctx, items, { counts, ledgerHead: ledger[ledger.length - 1]?.hash ?? head.hash });
    ctx.log(
      `${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")} in ${Date.now() - started} ms`,
    );
  },
};

async function readRegistry(ctx: SeedContext): Promise<RegistryView> {
  const d1 = ctx.d1;
  const [villages, households, residents, attendance, partyMembers, villageOfficials, users] = await Promise.all([
    d1
      .prepare(
        "SELECT v.id, v.code, v.name, v.tags, v.township_code AS townshipCode, (SELECT income_fen FROM village_incomes i WHERE i.village_id = v.id ORDER BY year DESC LIMIT 1) AS income FROM villages v ORDER BY v.id",
      )
      .all<{ id: number; code: string; name: string; tags: string; townshipCode: string; income: number | null }>(),
    d1
      .prepare(
        "SELECT h.id, h.head_name AS headName, h.village_id AS villageId, h.status, h.monitor_kind AS monitorKind, EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND p.kind = 'cadre_household' AND p.status = 'active') AS paired FROM households h ORDER BY h.id",
      )
      .all<{
        id: number;
        headName: string;
        villageId: number;
        status: string;
        monitorKind: string | null;
        paired: number;
      }>(),
    d1
      .prepare(
        "SELECT a.cadre_id AS cadreId, c.name, a.village_id AS villageId, a.role, a.start_date AS startDate FROM assignments a JOIN cadres c ON c.id = a.cadre_id WHERE a.status = 'active' ORDER BY a.village_id, a.id",
      )
      .all<RegistryView["residents"][number]>(),
    d1
      .prepare(
        "SELECT a.cadre_id AS cadreId, c.name, a.village_id AS villageId, t.month, t.days FROM attendance t JOIN assignments a ON a.id = t.assignment_id JOIN cadres c ON c.id = a.cadre_id ORDER BY a.village_id, a.id",
      )
      .all<RegistryView["attendance"][number]>(),
    d1
      .prepare(
        "SELECT id, name, village_id AS villageId, poor, pioneer_year IS NOT NULL AS pioneer FROM party_members ORDER BY id",
      )
      .all<{ id: number; name: string; villageId: number; poor: number; pioneer: number }>(),
    d1
      .prepare(
        "SELECT id, name, village_id AS villageId, post, term_start AS termStart, term_end AS termEnd, honour_level AS honourLevel FROM village_officials ORDER BY village_id, id",
      )
      .all<RegistryView["villageOfficials"][number]>(),
    d1.prepare("SELECT id, username FROM users").all<{ id: number; username: string }>(),
  ]);
  const userId = (name: string) => users.results.find((u) => u.username === name)?.id ?? users.results[0]?.id ?? 1;
  return {
    villages: villages.results.map((v) => ({ ...v, tags: JSON.parse(v.tags) as string[] })),
    households: households.results.map((h) => ({ ...h, paired: !!h.paired })),
    residents: residents.results,
    attendance: attendance.results,
    partyMembers: partyMembers.results.map((m) => ({ ...m, poor: !!m.poor, pioneer: !!m.pioneer })),
    villageOfficials: villageOfficials.results,
    users: { admin: userId("admin"), finance: userId("finance"), township: userId("township") },
  };
}
