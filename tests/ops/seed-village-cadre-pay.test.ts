import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedDemo, type SeedEnv } from "../../db/seed/index.ts";
import { usersSeed } from "../../db/seed/modules/users.ts";
import { registrySeed } from "../../db/seed/modules/registry.ts";
import { partyMembersSeed } from "../../db/seed/modules/party-members.ts";
import { villageOfficialsSeed } from "../../db/seed/modules/village-officials.ts";
import { publicationsSeed } from "../../db/seed/modules/publications.ts";
import { TENANT_DB } from "../helpers/users.ts";

type Row = { program: string; status: string; lines: number; kinds: string; unrated: number; amounts: string };

/** Each demo 村干部报酬 program's batches: their states, and what their lines pay to whom. */
async function payroll(tenant: string): Promise<Row[]> {
  return (
    await TENANT_DB[tenant]!.prepare(
      `SELECT p.name AS program, b.status, count(l.id) AS lines, group_concat(DISTINCT l.recipient_kind) AS kinds,
         sum(NOT EXISTS (SELECT 1 FROM village_official_pay_rates r JOIN village_officials o ON o.post = r.post
                         WHERE r.program_id = p.id AND o.id = l.recipient_id)) AS unrated,
         group_concat(DISTINCT l.amount_fen) AS amounts
       FROM programs p JOIN batches b ON b.program_id = p.id JOIN batch_lines l ON l.batch_id = b.id
       WHERE p.category IN ('village_cadre_pay', 'performance_subsidy') GROUP BY b.id ORDER BY p.id, b.period`,
    ).all<Row>()
  ).results;
}

describe("demo 村干部报酬 programs", () => {
  it("pay the 村两委 roster by post (seed 001 / 002): a paid batch and one in 公示, only rated posts", async () => {
    await seedDemo(env as unknown as SeedEnv, {
      log: () => {},
      modules: [usersSeed, registrySeed, partyMembersSeed, villageOfficialsSeed, publicationsSeed],
    });
    const pingchuan = await payroll("pingchuan");
    expect(pingchuan.map((r) => [r.program, r.status])).toEqual([
      ["村干部基本报酬", "paid"],
      ["村干部基本报酬", "noticed"],
      ["组干部报酬", "paid"],
      ["组干部报酬", "noticed"],
    ]);
    for (const r of pingchuan) expect(r).toMatchObject({ kinds: "village_official", unrated: 0 });
    expect(pingchuan[0]!.amounts).toBe("3000000");
    expect(pingchuan[2]!.amounts).toBe("900000");

    const dazhou = await payroll("dazhou");
    expect(dazhou.map((r) => r.status).sort()).toEqual(["noticed", "noticed", "paid", "paid", "paid"]);
    for (const r of dazhou) expect(r).toMatchObject({ kinds: "village_official", unrated: 0 });
    // 560 元 a month, 672 元 with a provincial honour; 540 元 for deputies and clerks; 150 元 绩效补贴.
    const amounts = (name: string) =>
      new Set(
        dazhou
          .filter((r) => r.program.startsWith(name))
          .flatMap((r) => r.amounts.split(","))
          .map(Number),
      );
    expect([...amounts("村（社区）党组织书记")].every((f) => f === 56_000 || f === 67_200)).toBe(true);
    expect([...amounts("村（居）委会副主任")].every((f) => f === 54_000 || f === 64_800)).toBe(true);
    expect([...amounts("村（社区）干部绩效补贴")]).toEqual([15_000]);
  });
});
