import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { validationError } from "./errors/problem.ts";

/** Every API sub-router: validation failures become one problem+json shape with per-field messages. */
export function createRouter(opts: { strict?: boolean } = {}) {
  return new OpenAPIHono<AppEnv>({
    ...opts,
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().openapi({ description: "稳定的错误代码，见 /api/v1/docs#problems" }),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error answers most routes share, for the OpenAPI document. */
export const commonErrors = {
  400: problem("请求无效或未通过校验"),
  401: problem("未登录或登录已过期"),
  403: problem("角色无权进行此操作"),
  404: problem("不存在（包括其他地区的记录）"),
} as const;

/** The errors an operation open to everyone (no session) can answer: bad input, unknown region or record. */
export const publicErrors = {
  400: commonErrors[400],
  404: problem("地区（租户）或记录不存在"),
} as const;

export const conflictError = { 409: problem("与当前状态冲突") } as const;
export const rateLimitedError = { 429: problem("尝试次数过多，稍后再试（见 Retry-After）") } as const;

/** JSON body helper for createRoute. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** Signed in: the session cookie (admin UI) or the bearer token from POST /auth/login (other systems). */
export const security: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];

/**
 * Open to everyone (villagers, the login itself): said explicitly as an empty list, so that a
 * reader and a linter can tell "needs no credential" from "forgot to say".
 */
export const publicAccess: Array<Record<string, string[]>> = [];
