import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { PublicVillageTags, Settings, SettingsUpdate } from "./schemas.ts";
import { getPublicVillageTags, getSettings, setPublicVillageTags, updateSettings } from "./service.ts";

export const settingsApi = createRouter();
const tags = ["设置"];

settingsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
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
    path: "/",
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
settingsApi.openapi(
  createRoute({
    method: "get",
    path: "/public-village-tags",
    operationId: "getPublicVillageTags",
    tags,
    summary: "公开显示的村类别（默认：贫困村、深度贫困村、示范村；软弱涣散村、集体经济空壳村等默认只在内部显示）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    responses: { 200: jsonResponse(PublicVillageTags, "公开的村类别"), ...commonErrors },
  }),
  async (c) => c.json({ tags: await getPublicVillageTags(c.var.ctx) }, 200),
);
settingsApi.openapi(
  createRoute({
    method: "put",
    path: "/public-village-tags",
    operationId: "updatePublicVillageTags",
    tags,
    summary: "设置公开显示的村类别（其余为内部标记，不出现在公开页面和开放数据中）",
    security,
    middleware: [requirePermission("settings.manage")] as const,
    request: { body: jsonBody(PublicVillageTags) },
    responses: { 200: jsonResponse(PublicVillageTags, "已保存"), ...commonErrors },
  }),
  async (c) => c.json({ tags: await setPublicVillageTags(c.var.ctx, c.req.valid("json").tags) }, 200),
);
