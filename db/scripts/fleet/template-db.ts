/// <reference types="node" />
/**
 * A fully migrated empty tenant database, built once per run and copied for each new local
 * tenant: a file copy instead of replaying every migration file into every new database
 * (provisioning hundreds of local tenants in minutes). Remote databases are migrated by wrangler.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { localD1File, openLocalD1 } from "./local-d1.ts";
import { applyPending, type Migration } from "./migrations.ts";

const TEMPLATE_ID = "00000000-0000-4000-8000-7e3b1a7e0000";

export interface TemplateDb {
  version: number;
  /** Copies the template to a new local database; false when that database already has a file. */
  copyTo(persistTo: string, databaseId: string): boolean;
  dispose(): void;
}

export async function buildTemplate(migrations: readonly Migration[]): Promise<TemplateDb> {
  const dir = mkdtempSync(join(tmpdir(), "bangfu-template-"));
  const local = await openLocalD1(dir, [
    { binding: "TEMPLATE", database_name: "bangfu-template", database_id: TEMPLATE_ID },
  ]);
  let version: number;
  try {
    ({ after: version } = await applyPending(local.env.TEMPLATE!, migrations));
    // Fold the write-ahead log into the main file so one file is the whole database.
    await local.env
      .TEMPLATE!.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
      .run()
      .catch(() => undefined);
  } finally {
    await local.dispose();
  }
  const source = localD1File(dir, TEMPLATE_ID);
  return {
    version,
    copyTo(persistTo, databaseId) {
      const target = localD1File(persistTo, databaseId);
      if (existsSync(target)) return false;
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
      if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${target}-wal`);
      return true;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
