import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const partyMembersApi = createRouter();
const tags = ["党员与关爱帮扶"];
const MemberId = IdParam("党员");

partyMembersApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listPartyMembers",
    tags,
    summary: "党员名册（贫困党员在前；only=poor 只看贫困党员，only=pioneer 只看致富先锋；乡镇干部只看本乡镇）",
    security,
    middleware: [requirePermission("party_members.read")] as const,
    request: { query: s.PartyMemberQuery },
    responses: { 200: jsonResponse(s.PartyMemberPage, "党员"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listPartyMembers(c.var.ctx, c.req.valid("query")), 200),
);
partyMembersApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createPartyMember",
    tags,
    summary: "登记党员：户主（不填家庭成员）或家庭成员；同一人只登记一次（409）",
    security,
    middleware: [requirePermission("party_members.manage")] as const,
    request: { body: jsonBody(s.PartyMemberCreate) },
    responses: { 201: jsonResponse(s.PartyMember, "已登记"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createPartyMember(c.var.ctx, c.req.valid("json")), 201),
);
partyMembersApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getPartyMember",
    tags,
    summary: "党员详情（含已领取的关爱帮扶等资金）",
    security,
    middleware: [requirePermission("party_members.read")] as const,
    request: { params: MemberId },
    responses: { 200: jsonResponse(s.PartyMember, "党员"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getPartyMember(c.var.ctx, c.req.valid("param").id), 200),
);
partyMembersApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    operationId: "updatePartyMember",
    tags,
    summary: "修改党员信息：贫困党员、致富先锋年度与事迹、入党日期、备注（整条替换）",
    security,
    middleware: [requirePermission("party_members.manage")] as const,
    request: { params: MemberId, body: jsonBody(s.PartyMemberUpdate) },
    responses: { 200: jsonResponse(s.PartyMember, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.updatePartyMember(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
