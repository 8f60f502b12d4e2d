import { inArray } from "drizzle-orm";
import { users, type Role } from "../../schema/tenant/users.ts";
import { hashPassword } from "../../../workers/auth/password.ts";
import { commitSeed } from "../core/audit.ts";
import { DEMO_PASSWORD } from "../core/tenants.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
}

/** One account per role; all sign in with `bangfu-demo`. The UI shows the role next to the name. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: "admin", displayName: "张志强", role: "county_admin" },
  { username: "finance", displayName: "刘芳", role: "finance_officer" },
  { username: "township", displayName: "王海涛", role: "township_officer" },
  { username: "cadre", displayName: "陈晓东", role: "cadre" },
  { username: "auditor", displayName: "赵敏", role: "auditor" },
];

/** Demo accounts: creates the ones that are missing, never touches existing ones. */
export const usersSeed: SeedModule = {
  name: "users",
  async run(ctx: SeedContext) {
    const wanted = DEMO_USERS.map((u) => u.username);
    const existing = new Set(
      (await ctx.db.select({ username: users.username }).from(users).where(inArray(users.username, wanted)).all()).map(
        (r) => r.username,
      ),
    );
    const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
    if (missing.length === 0) return ctx.log("demo users present");

    const rows = [];
    for (const u of missing) {
      rows.push({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        townshipCode: u.role === "township_officer" ? ctx.tenant.townshipCode : null,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      });
    }
    await commitSeed(ctx, [ctx.db.insert(users).values(rows)], {
      users: rows.map(({ username, role, townshipCode }) => ({ username, role, townshipCode })),
    });
    ctx.log(`created demo users: ${missing.map((u) => u.username).join(", ")}`);
  },
};
