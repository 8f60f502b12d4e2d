import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, place } from "../helpers/fixtures.ts";

const T = "pingchuan";

describe("evidence from letters' measures and inspection problems", () => {
  it("an assessment's evidence counts the year's measures done and its confirmed inspection problems", async () => {
    const admin = await signIn(T, "county_admin");
    const year = 2061;
    const tpl = await api(T, "/assessment-templates", {
      token: admin.token,
      json: {
        year,
        role: "first_secretary",
        name: "第一书记考核清单",
        items: [
          { title: "帮扶措施落实", source: "measures_done", weight: 50 },
          { title: "督查问题", source: "inspection_problems", weight: 50, target: 2 },
        ],
      },
    });
    expect(tpl.status, await tpl.clone().text()).toBe(201);
    const { village, townshipCode } = await place(T);
    const c = await cadre(T);
    await assignment(T, c.id, village.id, "first_secretary");
    const db = TENANT_DB[T]!;
    const letter = await db
      .prepare(
        "INSERT INTO responsibility_letters (unit_id, village_id, term_start_year, term_end_year, signed_date, term_goal, created_by) VALUES (?, ?, ?, ?, ?, '三年目标', 1) RETURNING id",
      )
      .bind(c.unitId, village.id, year, year + 2, `${year}-01-10`)
      .first<{ id: number }>();
    await db
      .prepare(
        `INSERT INTO letter_measures (letter_id, year, title, owner, due_date, status, evidence, completed_date) VALUES
         (?1, ?2, '修建活动场所', '第一书记', ?2 || '-06-30', 'completed', '验收单', ?2 || '-06-20'),
         (?1, ?2, '发展合作社', '第一书记', ?2 || '-10-30', 'in_progress', NULL, NULL),
         (?1, ?2 + 1, '下一年措施', '第一书记', ?2 + 1 || '-10-30', 'planned', NULL, NULL)`,
      )
      .bind(letter!.id, year)
      .run();
    const insp = await db
      .prepare(
        "INSERT INTO inspections (kind, date, target_kind, target_key, target_cadre_id, township_code, findings, created_by) VALUES ('phone_check', ?, 'cadre', ?, ?, ?, '抽查', 1) RETURNING id",
      )
      .bind(`${year}-04-01`, `cadre:${c.id}`, c.id, townshipCode)
      .first<{ id: number }>();
    await db
      .prepare(
        "INSERT INTO inspection_problems (inspection_id, description, deadline, status) VALUES (?1, '不在岗', '2099-01-01', 'confirmed'), (?1, '误报', '2099-01-01', 'dismissed')",
      )
      .bind(insp!.id)
      .run();
    const res = await api(T, "/assessments", {
      token: admin.token,
      json: { year, subjectKind: "cadre", cadreId: c.id },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const a = (await res.json()) as {
      lines: { source: string; points: number | null; computed: boolean; detail: string }[];
    };
    const line = (s: string) => a.lines.find((l) => l.source === s)!;
    expect(line("measures_done")).toMatchObject({ points: 25, computed: true });
    expect(line("measures_done").detail).toContain("帮扶措施 2 项，已完成 1 项");
    expect(line("inspection_problems")).toMatchObject({ points: 25, computed: true });
    expect(line("inspection_problems").detail).toContain("核实问题 1 个");
  });
});
