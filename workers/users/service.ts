import { and, desc, eq, like, or, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { sessions, users, type UserRow } from "../../db/schema/tenant/users.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { hashPassword } from "../auth/password.ts";
import { now } from "../domain/sessions.ts";
import type { UserCreateInput, UserUpdateInput } from "./schemas.ts";
import type { Role } from "../../db/schema/tenant/users.ts";
import { cadres } from "../../db/schema/tenant/people.ts";

export type PublicUser = Omit<UserRow, "passwordHash">;

export function publicUser(u: UserRow): PublicUser {
  const { passwordHash: _p, ...rest } = u;
  return rest;
}

/**
 * A township officer is bound to exactly one township, inside this tenant's division code;
 * nobody else carries one.
 */
function checkTownship(ctx: ServiceContext, role: Role, townshipCode: string | null | undefined): string | null {
  if (role !== "township_officer") {
    if (townshipCode)
      throw new AppError("validation_failed", "只有乡镇干部需要所属乡镇", {
        fields: [{ field: "townshipCode", message: "只有乡镇干部需要所属乡镇" }],
      });
    return null;
  }
  if (!townshipCode)
    throw new AppError("validation_failed", "乡镇干部必须指定所属乡镇", {
      fields: [{ field: "townshipCode", message: "乡镇干部必须指定所属乡镇" }],
    });
  const tenant = ctx.tenant;
  const prefix = tenant.level === "county" ? tenant.divisionCode : tenant.divisionCode.slice(0, 4);
  if (!townshipCode.startsWith(prefix)) {
    throw new AppError("validation_failed", `乡镇代码应以本地区代码 ${prefix} 开头`, {
      fields: [{ field: "townshipCode", message: `乡镇代码应以 ${prefix} 开头` }],
    });
  }
  return townshipCode;
}

/**
 * Only users with the cadre role are linked to a cadre record (their own assignments and
 * pairings); the cadre must exist and not already be linked to another user.
 */
async function checkCadreLink(
  ctx: ServiceContext,
  role: Role,
  cadreId: number | null | undefined,
  userId?: number,
): Promise<number | null> {
  if (cadreId == null) return null;
  const fail = (message: string) =>
    new AppError("validation_failed", message, { fields: [{ field: "cadreId", message }] });
  if (role !== "cadre") throw fail("只有驻村（帮扶）干部角色可以关联干部档案");
  const cadre = await ctx.db.select({ id: cadres.id }).from(cadres).where(eq(cadres.id, cadreId)).get();
  if (!cadre) throw fail("没有这名干部，请核对干部编号");
  const other = await ctx.db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(eq(users.cadreId, cadreId))
    .get();
  if (other && other.id !== userId) throw fail(`该干部档案已关联用户 ${other.username}`);
  return cadreId;
}

export async function listUsers(
  ctx: ServiceContext,
  q: { role?: Role | undefined; status?: "active" | "disabled" | undefined; q?: string | undefined },
) {
  const where: SQL[] = [];
  if (q.role) where.push(eq(users.role, q.role));
  if (q.status) where.push(eq(users.status, q.status));
  if (q.q) where.push(or(like(users.username, `%${q.q}%`), like(users.displayName, `%${q.q}%`))!);
  const rows = await ctx.db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(desc(users.id))
    .all();
  return rows.map(publicUser);
}

export async function getUser(ctx: ServiceContext, id: number): Promise<UserRow> {
  const row = await ctx.db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new AppError("not_found", "没有这个用户");
  return row;
}

export async function createUser(ctx: ServiceContext, input: UserCreateInput): Promise<PublicUser> {
  const db = ctx.db;
  const townshipCode = checkTownship(ctx, input.role, input.townshipCode);
  const cadreId = await checkCadreLink(ctx, input.role, input.cadreId);
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get();
  if (taken)
    throw new AppError("conflict", "用户名已被使用", { fields: [{ field: "username", message: "用户名已被使用" }] });
  const t = now();
  const values = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    townshipCode,
    cadreId,
    passwordHash: await hashPassword(input.password),
    createdAt: t,
    updatedAt: t,
  };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(db.insert(users).values(values).returning())
    .audit({ action: "user.create", entity: "user", entityId: input.username, after: { ...values } })
    .commit()) as [UserRow[]];
  return publicUser(inserted[0]!);
}

export async function updateUser(ctx: ServiceContext, id: number, input: UserUpdateInput): Promise<PublicUser> {
  const before = await getUser(ctx, id);
  const role = input.role ?? before.role;
  const townshipCode = checkTownship(
    ctx,
    role,
    input.townshipCode === undefined ? (role === "township_officer" ? before.townshipCode : null) : input.townshipCode,
  );
  if (id === ctx.user?.id && role !== before.role) throw new AppError("conflict", "不能修改自己的角色");
  const cadreId = await checkCadreLink(
    ctx,
    role,
    input.cadreId === undefined ? (role === "cadre" ? before.cadreId : null) : input.cadreId,
    id,
  );
  const changes = {
    displayName: input.displayName ?? before.displayName,
    role,
    townshipCode,
    cadreId,
    updatedAt: now(),
  };
  const [updated] = (await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(users)
        .set(changes)
        .where(and(eq(users.id, id), eq(users.updatedAt, before.updatedAt)))
        .returning(),
      "该用户刚被他人修改，请刷新后重试",
    )
    .audit({ action: "user.update", entity: "user", entityId: id, before: publicUser(before), after: changes })
    .commit()) as [UserRow[]];
  return publicUser(updated[0]!);
}

export async function resetPassword(ctx: ServiceContext, id: number, password: string): Promise<void> {
  const user = await getUser(ctx, id);
  const t = now();
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .update(users)
        .set({ passwordHash: await hashPassword(password), updatedAt: t })
        .where(eq(users.id, id)),
    )
    // A new password ends every session opened with the old one.
    .add(
      ctx.db
        .update(sessions)
        .set({ revokedAt: t })
        .where(and(eq(sessions.userId, id))),
    )
    .audit({ action: "user.reset_password", entity: "user", entityId: user.id })
    .commit();
}

export async function setUserStatus(
  ctx: ServiceContext,
  id: number,
  status: "active" | "disabled",
): Promise<PublicUser> {
  const user = await getUser(ctx, id);
  if (status === "disabled" && id === ctx.user?.id) throw new AppError("conflict", "不能停用自己的账号");
  if (user.status === status) return publicUser(user);
  const t = now();
  const w = new AuditedWrite(ctx).guarded(
    ctx.db
      .update(users)
      .set({ status, updatedAt: t })
      .where(and(eq(users.id, id), eq(users.status, user.status))),
    "该用户状态刚被他人修改",
  );
  if (status === "disabled") w.add(ctx.db.update(sessions).set({ revokedAt: t }).where(eq(sessions.userId, id)));
  await w
    .audit({
      action: status === "disabled" ? "user.disable" : "user.enable",
      entity: "user",
      entityId: id,
      before: { status: user.status },
      after: { status },
    })
    .commit();
  return { ...publicUser(user), status, updatedAt: t };
}
