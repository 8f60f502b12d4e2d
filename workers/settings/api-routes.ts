import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { Settings, SettingsUpdate } from "./schemas.ts";
import { getSettings, updateSettings } from "./service.ts";

export const settingsApi = createRouter();
const tags = ["设置"];

settingsApi.openapi(
  createRoute({
    method: "get",
    path: "/settings",
    operationId: "getSettings",
    tags,
    summary: "本地区设置（驻村最少人数、每名干部结对户上限、走访间隔）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    responses: { 200: jsonResponse(Settings, "设置"), ...commonErrors },
  }),
  async (c) => c.json(await getSettings(c.var.ctx), 200),
);
settingsApi.openapi(
  createRoute({
    method: "put",
    path: "/settings",
    operationId: "updateSettings",
    tags,
    summary: "修改本地区设置（只改提交的项）",
    security,
    middleware: [requirePermission("settings.manage")] as const,
    request: { body: jsonBody(SettingsUpdate) },
    responses: { 200: jsonResponse(Settings, "已保存"), ...commonErrors },
  }),
  async (c) => c.json(await updateSettings(c.var.ctx, c.req.valid("json")), 200),
);
