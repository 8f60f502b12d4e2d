import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { assignments, attendance, cadres } from "../../db/schema/tenant/people.ts";
import type { RecipientKind } from "../../db/schema/tenant/money.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { partyMemberRecipient } from "../party-members/service.ts";
import { villageOfficials } from "../../db/schema/tenant/village-cadres.ts";

export interface Recipient {
  kind: RecipientKind;
  id: number;
  name: string;
  villageId: number | null;
}

/** Looks a recipient up in this tenant's registry (so another tenant's id is simply not found). */
export async function findRecipient(ctx: ServiceContext, kind: RecipientKind, id: number): Promise<Recipient> {
  const db = ctx.db;
  let found: { name: string; villageId: number | null } | undefined;
  if (kind === "household")
    found = await db
      .select({ name: households.headName, villageId: households.villageId })
      .from(households)
      .where(eq(households.id, id))
      .get();
  else if (kind === "village")
    found = await db
      .select({ name: villages.name, villageId: villages.id })
      .from(villages)
      .where(eq(villages.id, id))
      .get();
  else if (kind === "cadre") {
    found = await db
      .select({
        name: cadres.name,
        villageId: sql<
          number | null
        >`(SELECT village_id FROM assignments a WHERE a.cadre_id = "cadres"."id" AND a.status = 'active' ORDER BY a.id LIMIT 1)`,
      })
      .from(cadres)
      .where(eq(cadres.id, id))
      .get();
  } else if (kind === "party_member") found = await partyMemberRecipient(ctx, id);
  else if (kind === "village_official")
    found = await db
      .select({ name: villageOfficials.name, villageId: villageOfficials.villageId })
      .from(villageOfficials)
      .where(eq(villageOfficials.id, id))
      .get();
  else
    throw new AppError("validation_failed", "项目类发放对象暂不支持逐笔登记", {
      fields: [{ field: "recipientKind", message: "暂不支持项目类对象" }],
    });
  if (!found)
    throw new AppError("validation_failed", "发放对象不存在（或不属于本地区）", {
      fields: [{ field: "recipientId", message: "发放对象不存在" }],
    });
  return { kind, id, name: found.name, villageId: found.villageId };
}

export interface Candidate extends Recipient {
  quantity?: number;
  /** Per-day lines: who confirmed the days and when (snapshot on the line). */
  daysConfirmedBy?: string | null;
  daysConfirmedAt?: number | null;
}

export interface ConfirmedDays {
  /** Confirmed resident days in the period (all of the cadre's assignments). */
  days: number;
  /** Days reported but not yet confirmed (they pay nothing). */
  reportedDays: number;
  confirmedBy: string | null;
  confirmedAt: number | null;
}

/**
 * 驻村天数 per cadre in a period ("2026-11", or every month of "2026"), confirmed and not:
 * only confirmed days feed 100 元/天 amounts. `cadreId` narrows it to one cadre.
 */
export async function confirmedDays(
  ctx: ServiceContext,
  period: string,
  cadreId?: number,
): Promise<Map<number, ConfirmedDays>> {
  const [first, last] = period.length === 7 ? [period, period] : [`${period}-01`, `${period}-12`];
  const rows = await ctx.db
    .select({
      cadreId: assignments.cadreId,
      days: sql<number>`coalesce(sum(CASE WHEN ${attendance.status} = 'confirmed' THEN ${attendance.days} END), 0)`,
      reportedDays: sql<number>`coalesce(sum(CASE WHEN ${attendance.status} = 'reported' THEN ${attendance.days} END), 0)`,
      confirmedBy: sql<
        string | null
      >`(SELECT group_concat(DISTINCT u.display_name) FROM attendance t2 JOIN assignments a2 ON a2.id = t2.assignment_id JOIN users u ON u.id = t2.confirmed_by WHERE a2.cadre_id = "assignments"."cadre_id" AND t2.status = 'confirmed' AND t2.month BETWEEN ${first} AND ${last})`,
      confirmedAt: sql<number | null>`max(${attendance.confirmedAt})`,
    })
    .from(attendance)
    .innerJoin(assignments, eq(assignments.id, attendance.assignmentId))
    .where(
      and(
        sql`${attendance.month} BETWEEN ${first} AND ${last}`,
        cadreId === undefined ? undefined : eq(assignments.cadreId, cadreId),
      ),
    )
    .groupBy(assignments.cadreId)
    .all();
  return new Map(rows.map(({ cadreId: id, ...r }) => [id, r]));
}

/**
 * Recipients a program's rule produces for a period, from the registry:
 * - first_secretaries: every active first secretary (seed 000: 500 元/月);
 * - resident_team: every cadre with an active resident assignment (seed 001: 80 元/月 phone);
 * - attendance: resident days confirmed for the month (seed 001: 100 元/天); reported days pay nothing.
 */
export async function candidates(
  ctx: ServiceContext,
  source: "first_secretaries" | "resident_team" | "attendance",
  period: string,
): Promise<Candidate[]> {
  const db = ctx.db;
  if (source === "attendance") {
    if (period.length !== 7)
      throw new AppError("validation_failed", "按驻村天数生成须选择月份期间（如 2026-11）", {
        fields: [{ field: "period", message: "须为月份" }],
      });
    const rows = await db
      .select({
        id: cadres.id,
        name: cadres.name,
        villageId: assignments.villageId,
        days: sql<number>`sum(${attendance.days})`,
        confirmedBy: sql<
          string | null
        >`group_concat(DISTINCT (SELECT u.display_name FROM users u WHERE u.id = ${attendance.confirmedBy}))`,
        confirmedAt: sql<number | null>`max(${attendance.confirmedAt})`,
      })
      .from(attendance)
      .innerJoin(assignments, eq(assignments.id, attendance.assignmentId))
      .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
      // Only confirmed days pay: reported days wait for the township or the county.
      .where(and(eq(attendance.month, period), eq(attendance.status, "confirmed"), sql`${attendance.days} > 0`))
      .groupBy(cadres.id)
      .orderBy(asc(cadres.id))
      .all();
    return rows.map((r) => ({
      kind: "cadre",
      id: r.id,
      name: r.name,
      villageId: r.villageId,
      quantity: Math.min(r.days, 31),
      daysConfirmedBy: r.confirmedBy,
      daysConfirmedAt: r.confirmedAt,
    }));
  }
  const periodEnd = period.length === 7 ? `${period}-31` : `${period}-12-31`;
  const rows = await db
    .select({ id: cadres.id, name: cadres.name, villageId: sql<number>`min(${assignments.villageId})` })
    .from(assignments)
    .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
    .where(
      and(
        eq(assignments.status, "active"),
        sql`${assignments.startDate} <= ${periodEnd}`,
        source === "first_secretaries" ? eq(assignments.role, "first_secretary") : undefined,
      ),
    )
    .groupBy(cadres.id)
    .orderBy(asc(cadres.id))
    .all();
  return rows.map((r) => ({ kind: "cadre", id: r.id, name: r.name, villageId: r.villageId }));
}
