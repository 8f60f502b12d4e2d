import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { LookupQuery, LookupResult, VillageOfficialLookupQuery } from "./schemas.ts";
import { LOOKUPS, type LookupEntity } from "./service.ts";
import type { Permission } from "../domain/permissions.ts";

/**
 * Small lookups for the admin pickers (search as you type) and for a county's own systems:
 * `?q=` a part of a name, a code or its beginning, an id, or (households) the last four
 * characters of the ID number; at most 20 candidates, inside the caller's scope.
 */
export const lookupApi = createRouter();
const tags = ["查找（选择器）"];

/** Entity, operationId, summary, and the permission of the list the candidates come from. */
const ENTITIES: [LookupEntity, string, string, Permission?][] = [
  [
    "villages",
    "lookupVillages",
    "查找村（社区）：名称的一部分或区划代码开头；乡镇干部只得本乡镇的村，干部只得所驻、所结对的村",
  ],
  [
    "households",
    "lookupHouseholds",
    "查找农户：户主姓名的一部分、农户编号、身份证号后四位或完整身份证号；范围同农户列表",
  ],
  ["cadres", "lookupCadres", "查找干部：姓名的一部分或干部编号；干部本人只得自己"],
  ["units", "lookupUnits", "查找帮扶单位：名称的一部分或单位编号"],
  [
    "village-officials",
    "lookupVillageOfficials",
    "查找村两委成员：姓名的一部分、编号、身份证号后四位或完整身份证号；范围同村两委花名册（在任者在前）",
  ],
  [
    "party-members",
    "lookupPartyMembers",
    "查找党员：姓名的一部分、编号，或户主身份证号后四位、完整身份证号；范围同党员名册",
    "party_members.read",
  ],
];

for (const [entity, operationId, summary, permission = "registry.read"] of ENTITIES) {
  lookupApi.openapi(
    createRoute({
      method: "get",
      path: `/${entity}`,
      operationId,
      tags,
      summary,
      security,
      middleware: [requirePermission(permission)] as const,
      request: { query: entity === "village-officials" ? VillageOfficialLookupQuery : LookupQuery },
      responses: { 200: jsonResponse(LookupResult, "候选（最多 20 条）"), ...commonErrors },
    }),
    async (c) => {
      const { q, limit, programId } = c.req.valid("query") as { q: string; limit: number; programId?: number };
      return c.json({ items: await LOOKUPS[entity](c.var.ctx, q, limit, { programId }) }, 200);
    },
  );
}
