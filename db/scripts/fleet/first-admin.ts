/// <reference types="node" />
/**
 * The first `county_admin` of a new tenant with its audit entry, as statements with parameters:
 * run as one D1 batch locally, or inlined into one `wrangler d1 execute` remotely.
 */
import { randomUUID } from "node:crypto";
import { hashPassword } from "../../../workers/auth/password.ts";
import { buildAuditRows, type AuditActor, type ChainHead } from "../../seed/core/audit.ts";

export interface AdminSpec {
  username: string;
  password: string;
  displayName: string;
}

export interface Statement {
  sql: string;
  params: (string | number | null)[];
}

const OPERATOR: AuditActor = { id: null, name: "tenant-add", role: "operator" };

export async function firstAdminStatements(head: ChainHead, admin: AdminSpec): Promise<Statement[]> {
  const t = Math.floor(Date.now() / 1000);
  const user = {
    username: admin.username,
    displayName: admin.displayName,
    role: "county_admin",
    townshipCode: null,
    createdAt: t,
    updatedAt: t,
  };
  const [a] = await buildAuditRows(
    head,
    [{ action: "user.create", entity: "user", entityId: admin.username, after: user }],
    { actor: OPERATOR, requestId: `tenant-add-${randomUUID()}`, at: t },
  );
  return [
    {
      sql: "INSERT INTO users (username, display_name, role, township_code, password_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      params: [
        admin.username,
        admin.displayName,
        "county_admin",
        null,
        await hashPassword(admin.password),
        "active",
        t,
        t,
      ],
    },
    {
      sql: "INSERT INTO audit_log (seq, at, actor_id, actor_name, actor_role, action, entity, entity_id, before, after, request_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params: [
        a!.seq,
        a!.at,
        a!.actorId,
        a!.actorName,
        a!.actorRole,
        a!.action,
        a!.entity,
        a!.entityId,
        a!.before,
        a!.after,
        a!.requestId,
        a!.prevHash,
        a!.hash,
      ],
    },
  ];
}
