import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { adminOf, paidBatch, publicVillage } from "../public/fixtures.ts";
import { todayInChina } from "../../workers/lib/dates.ts";

/**
 * The counts kept by triggers (db/migrations/tenant/0022_kept_counts.sql) agree with counting
 * the rows, after the writes that move them; and the inboxes page by keyset (`after`).
 */
const T = "longquanyi";
const db = () => TENANT_DB[T]!;
const live = async (sql: string, ...args: unknown[]) =>
  (await db()
    .prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

interface InboxPage {
  items: { id: number; status: string }[];
  total: number;
  nextAfter: number | null;
}

async function addFeedback(n: number, villageId: number): Promise<number[]> {
  const codes = Array.from({ length: n }, () => uniqueName("KC"));
  await db()
    .prepare(
      "INSERT INTO feedback (village_id, category, text, tracking_code) SELECT ?, 'suggestion', '计数测试', value FROM json_each(?)",
    )
    .bind(villageId, JSON.stringify(codes))
    .run();
  return (
    await db()
      .prepare("SELECT id FROM feedback WHERE tracking_code IN (SELECT value FROM json_each(?)) ORDER BY id")
      .bind(JSON.stringify(codes))
      .all<{ id: number }>()
  ).results.map((r) => r.id);
}

describe("kept inbox counts and keyset pages", () => {
  it("the feedback inbox's totals follow inserts, answers and deletes; keyset pages cover the inbox once, newest first", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await publicVillage(T, 1);
    const ids = await addFeedback(5, v.villageId);
    const total = async (status: string) =>
      ((await (await api(T, `/feedback?status=${status}&size=1`, { token: admin.token })).json()) as InboxPage).total;
    expect(await total("open")).toBe(await live("SELECT count(*) AS n FROM feedback WHERE status = 'open'"));

    const answer = await api(T, `/feedback/${ids[0]}/answer`, {
      token: admin.token,
      json: { reply: "已收到，谢谢。" },
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    await db().prepare("DELETE FROM feedback WHERE id = ?").bind(ids[1]).run();
    expect(await total("open")).toBe(await live("SELECT count(*) AS n FROM feedback WHERE status = 'open'"));
    expect(await total("answered")).toBe(await live("SELECT count(*) AS n FROM feedback WHERE status = 'answered'"));

    // Keyset pages of 2 from the newest: strictly descending ids, our three open ones among them.
    const seen: number[] = [];
    let after: number | null = null;
    do {
      const res = await api(T, `/feedback?status=open&size=2${after ? `&after=${after}` : ""}`, { token: admin.token });
      expect(res.status).toBe(200);
      const page = (await res.json()) as InboxPage;
      seen.push(...page.items.map((i) => i.id));
      after = page.nextAfter;
    } while (after !== null && seen.length < 400);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([ids[2], ids[3], ids[4]]));
    expect(seen).not.toContain(ids[0]);

    expect((await api(T, "/feedback?status=open&after=abc", { token: admin.token })).status).toBe(400);
    expect((await api(T, "/feedback?status=open&after=-3", { token: admin.token })).status).toBe(400);
  });

  it("the objection inbox's total is the kept count for county officers and a live count in a township's scope", async () => {
    const admin = await signIn(T, "county_admin");
    const res = await api(T, "/objections?status=open&size=1", { token: admin.token });
    expect(res.status).toBe(200);
    const page = (await res.json()) as InboxPage;
    expect(page.total).toBe(await live("SELECT count(*) AS n FROM objections WHERE status = 'open'"));
    expect(await live("SELECT coalesce(sum(n), 0) AS n FROM inbox_counts WHERE inbox = 'objections'")).toBe(
      await live("SELECT count(*) AS n FROM objections"),
    );
    const officer = await signIn(T, "township_officer", { townshipCode: "510112999" });
    const scoped = (await (await api(T, "/objections?status=open", { token: officer.token })).json()) as InboxPage;
    expect(scoped.total).toBe(0);
    expect(scoped.items).toEqual([]);
  });
});

describe("kept home figures", () => {
  it("villages with a team, resident cadres, villages per township and the year's paid money equal the live counts", async () => {
    const v = await publicVillage(T, 2);
    const year = todayInChina().slice(0, 4);
    const cadre = await db()
      .prepare("INSERT INTO cadres (name, unit_id) VALUES (?, (SELECT min(id) FROM units)) RETURNING id")
      .bind(uniqueName("计数干部"))
      .first<{ id: number }>();
    const a = await db()
      .prepare(
        "INSERT INTO assignments (cadre_id, village_id, role, start_date) VALUES (?, ?, 'member', '2026-01-01') RETURNING id",
      )
      .bind(cadre!.id, v.villageId)
      .first<{ id: number }>();
    const check = async () => {
      const figure = (key: string) => live("SELECT coalesce(max(n), 0) AS n FROM public_figures WHERE key = ?", key);
      expect(await figure("villages_with_team")).toBe(
        await live("SELECT count(DISTINCT village_id) AS n FROM assignments WHERE status = 'active'"),
      );
      expect(await figure("cadres_resident")).toBe(
        await live("SELECT count(DISTINCT cadre_id) AS n FROM assignments WHERE status = 'active'"),
      );
      expect(await figure(`villages:${v.townshipCode}`)).toBe(
        await live("SELECT count(*) AS n FROM villages WHERE township_code = ?", v.townshipCode),
      );
      expect(await figure(`paid_fen:${year}`)).toBe(
        await live("SELECT coalesce(sum(fen), 0) AS n FROM paid_totals WHERE year = ?", year),
      );
    };
    await check();
    await db()
      .prepare("UPDATE assignments SET status = 'ended', end_date = '2026-06-30' WHERE id = ?")
      .bind(a!.id)
      .run();
    await check();
    await db().prepare("DELETE FROM assignments WHERE id = ?").bind(a!.id).run();
    await check();
    // A paid batch moves the year's paid money (paid_totals, then its figure); a reversal moves it back.
    const before = await live("SELECT coalesce(max(n), 0) AS n FROM public_figures WHERE key = ?", `paid_fen:${year}`);
    const admin = await adminOf(T);
    const { batchId } = await paidBatch(T, admin, v.households, 12_300);
    await check();
    expect(await live("SELECT n FROM public_figures WHERE key = ?", `paid_fen:${year}`)).toBe(before + 2 * 12_300);
    const line = await db()
      .prepare("SELECT min(id) AS n FROM batch_lines WHERE batch_id = ?")
      .bind(batchId)
      .first<{ n: number }>();
    const reversed = await api(T, `/lines/${line!.n}/reverse`, {
      token: admin.token,
      json: { reason: "重复发放，予以冲正" },
    });
    expect(reversed.status, await reversed.clone().text()).toBe(200);
    await check();
    expect(await live("SELECT n FROM public_figures WHERE key = ?", `paid_fen:${year}`)).toBe(before + 12_300);
    // The home page shows the kept figures.
    const home = await call(`/t/${T}/`);
    expect(home.status).toBe(200);
  });
});
