/// <reference types="node" />
/**
 * `npm run operator:add -- --username ops1 [--local|--remote] [--persist-to <dir>]`
 * Password: $BANGFU_OPERATOR_PASSWORD (kept out of shell history) or --password.
 *
 * Creates a platform operator in CONTROL (`operators`): signs in at /platform/login, sees the
 * catalog and the fleet's status, never a tenant's data. Re-running for an existing username
 * changes nothing (no silent password reset).
 */
import { parseArgs } from "node:util";
import { hashPassword } from "../../workers/auth/password.ts";
import { Password, Username } from "../../workers/users/schemas.ts";
import { openLocalD1 } from "./fleet/local-d1.ts";
import { applyPending, readMigrations } from "./fleet/migrations.ts";
import { CONTROL_DIR } from "./migrate-all.ts";
import { controlDatabase, d1Query, isMain, main, sqlLiteral, targetFrom, UsageError } from "./lib.ts";

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: {
        username: { type: "string" },
        password: { type: "string" },
        local: { type: "boolean" },
        remote: { type: "boolean" },
        "persist-to": { type: "string" },
      },
      strict: true,
    });
    const target = targetFrom(values);
    if (!values.username) throw new UsageError("--username is missing");
    const password = values.password ?? process.env.BANGFU_OPERATOR_PASSWORD;
    if (!password) throw new UsageError("the password is missing: set $BANGFU_OPERATOR_PASSWORD (or --password)");
    const u = Username.safeParse(values.username);
    if (!u.success) throw new UsageError(`--username: ${u.error.issues[0]?.message ?? "invalid"}`);
    const p = Password.safeParse(password);
    if (!p.success) throw new UsageError(`password: ${p.error.issues[0]?.message ?? "invalid"}`);
    const hash = await hashPassword(p.data);
    const sql = `INSERT INTO operators (username, password_hash) VALUES (${sqlLiteral(u.data)}, ${sqlLiteral(hash)}) ON CONFLICT (username) DO NOTHING`;
    const event = `INSERT INTO operator_events (actor, action, detail) VALUES ('operator-add', 'operator.create', ${sqlLiteral(u.data)})`;
    if (target.mode === "local") {
      const local = await openLocalD1(target.persistTo, [controlDatabase()]);
      try {
        const db = local.env.CONTROL!;
        await applyPending(db, await readMigrations(CONTROL_DIR));
        const r = await db.batch([db.prepare(sql), db.prepare(event)]);
        console.log(
          r[0]!.meta.changes ? `operator ${u.data} created` : `operator ${u.data} already exists (unchanged)`,
        );
      } finally {
        await local.dispose();
      }
    } else {
      await d1Query(controlDatabase().database_name, `${sql};\n${event}`, target);
      console.log(`operator ${u.data} created (or already existed)`);
    }
  });
}
