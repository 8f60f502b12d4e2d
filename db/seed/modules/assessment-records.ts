/**
 * Demo 述职评议 and 年度考核 of last year (a finished assessment year): published team reviews with
 * paper ballots, 考核清单 for first secretaries and teams, cadre assessments at every stage of the
 * three-level sign-off (most graded and signed by the county), and a team assessment. Their list
 * pages link every one, so the admin crawl opens review, assessment, team and unit record pages.
 * Also tags the villages on this year's 整顿 list (后进村 / 软弱涣散村), as confirming does.
 * Runs after assessment-year.
 */
import { sql } from "drizzle-orm";
import { commitSeed, hasSeeded } from "../core/audit.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { bulk, nextIds, TODAY, unixAt, type Row } from "./lib.ts";

const RATINGS = [
  [31, 7, 2],
  [26, 10, 4],
  [35, 4, 1],
  [22, 12, 6],
] as const;
/** Grade, score and stage of the n-th first secretary's assessment. */
const OUTCOMES = [
  ["excellent", 93, "county_signed"],
  ["competent", 84, "county_signed"],
  ["competent", 78, "county_signed"],
  ["basically_competent", 66, "county_signed"],
  [null, null, "township_signed"],
  [null, null, "draft"],
] as const;

export const assessmentRecordsSeed: SeedModule = {
  name: "assessment-records",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo reviews and assessments present");
    const year = Number(TODAY().slice(0, 4)) - 1;
    const teams = (
      await ctx.d1
        .prepare(
          `SELECT a.cadre_id AS cadreId, a.village_id AS villageId, v.name AS villageName, v.township_code AS townshipCode
           FROM assignments a JOIN villages v ON v.id = a.village_id
           WHERE a.role = 'first_secretary' AND a.start_date <= ?1 ORDER BY a.id LIMIT 6`,
        )
        .bind(`${year}-12-31`)
        .all<{ cadreId: number; villageId: number; villageName: string; townshipCode: string }>()
    ).results;
    const taken = await ctx.d1
      .prepare("SELECT count(*) AS n FROM assessment_templates WHERE year = ?")
      .bind(year)
      .first<{ n: number }>();
    if (teams.length === 0 || (taken?.n ?? 0) > 0)
      return ctx.log("no first secretaries, or lists of that year exist; skipped");
    const ids = await nextIds(ctx, ["reviews", "assessment_templates", "assessments"]);
    const meeting = `${year}-12-20`;
    const reviews: Row[] = teams.slice(0, RATINGS.length).map((t, i) => {
      const [s, f, d] = RATINGS[i]!;
      return {
        id: ids.reviews(),
        kind: "team_report",
        year,
        village_id: t.villageId,
        township_code: t.townshipCode,
        subject_name: `${t.villageName}驻村工作队`,
        audience: "党员村民代表会议",
        meeting_date: meeting,
        opens_at: unixAt(meeting, 9),
        closes_at: unixAt(meeting, 12),
        written_report: "全年驻村开展工作，走访全部结对户，协调产业项目两个，村集体经济收入稳步增长。",
        attendance: s + f + d + 3,
        paper_satisfied: s,
        paper_fairly_satisfied: f,
        paper_dissatisfied: d,
        status: "published",
        published_at: unixAt(meeting, 13),
        created_by: 1,
      };
    });
    const secretaryList = ids.assessment_templates();
    const teamList = ids.assessment_templates();
    const templates: Row[] = [
      { id: secretaryList, year, role: "first_secretary", name: `${year} 年度第一书记考核清单`, created_by: 1 },
      { id: teamList, year, role: "team", name: `${year} 年度驻村工作队考核清单`, created_by: 1 },
    ];
    const items: Row[] = [secretaryList, teamList].flatMap((templateId) => [
      {
        template_id: templateId,
        position: 1,
        title: "驻村天数",
        source: "resident_days",
        weight: 40,
        target: 200,
        veto_cap: null,
      },
      {
        template_id: templateId,
        position: 2,
        title: "结对户走访覆盖",
        source: "visit_coverage",
        weight: 30,
        target: null,
        veto_cap: null,
      },
      {
        template_id: templateId,
        position: 3,
        title: "帮扶日志",
        source: "diary_entries",
        weight: 20,
        target: 50,
        veto_cap: null,
      },
      {
        template_id: templateId,
        position: 4,
        title: "工作实绩（人工评分）",
        source: "manual",
        weight: 10,
        target: null,
        veto_cap: null,
      },
    ]);
    const signedAt = unixAt(`${year}-12-28`, 10);
    const stage = (status: string) => ({
      village_signed_by: status === "draft" ? null : 1,
      village_signed_at: status === "draft" ? null : signedAt,
      village_signer: status === "draft" ? null : "村党组织书记",
      township_signed_by: status === "draft" ? null : 1,
      township_signed_at: status === "draft" ? null : signedAt,
      county_signed_by: status === "county_signed" ? 1 : null,
      county_signed_at: status === "county_signed" ? signedAt : null,
    });
    const assessments: Row[] = teams.map((t, i) => {
      const [grade, score, status] = OUTCOMES[i % OUTCOMES.length]!;
      return {
        id: ids.assessments(),
        year,
        subject_kind: "cadre",
        cadre_id: t.cadreId,
        village_id: null,
        unit_id: null,
        township_code: t.townshipCode,
        template_id: secretaryList,
        status,
        grade,
        score,
        ...stage(status),
        created_by: 1,
      };
    });
    const team = teams[0]!;
    assessments.push({
      id: ids.assessments(),
      year,
      subject_kind: "team",
      cadre_id: null,
      village_id: team.villageId,
      unit_id: null,
      township_code: team.townshipCode,
      template_id: teamList,
      status: "county_signed",
      grade: "competent",
      score: 82,
      ...stage("county_signed"),
      created_by: 1,
    });
    // Villages on a 整顿 list carry its tag until their exit (as confirming and exiting do in the service).
    const tags = ctx.db.run(sql`UPDATE villages SET tags = json_insert(tags, '$[#]', r.category)
      FROM (SELECT DISTINCT village_id, category FROM village_rectifications WHERE status <> 'exited') r
      WHERE villages.id = r.village_id AND NOT EXISTS (SELECT 1 FROM json_each(villages.tags) WHERE value = r.category)`);
    await commitSeed(
      ctx,
      [
        ...bulk(ctx, "reviews", reviews),
        ...bulk(ctx, "assessment_templates", templates),
        ...bulk(ctx, "assessment_items", items),
        ...bulk(ctx, "assessments", assessments),
        tags,
      ],
      { year, reviews: reviews.length, assessments: assessments.length },
    );
    ctx.log(`${reviews.length} published reviews and ${assessments.length} assessments of ${year}`);
  },
};
