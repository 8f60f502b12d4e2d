import { z } from "@hono/zod-openapi";
import { ROLES } from "../../db/schema/tenant/users.ts";

export const LoginBody = z
  .object({
    username: z.string().trim().min(1, "请输入用户名").max(64),
    password: z.string().min(1, "请输入密码").max(256),
  })
  .openapi("LoginRequest");

export const Me = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    townshipCode: z.string().nullable(),
  })
  .openapi("CurrentUser");

export const LoginResponse = z
  .object({
    token: z.string().openapi({ description: "会话令牌：浏览器用 Cookie，API 客户端放在 Authorization: Bearer 中" }),
    csrfToken: z.string(),
    expiresAt: z.number().int().openapi({ description: "绝对过期时间（Unix 秒）" }),
    user: Me,
  })
  .openapi("LoginResponse");
