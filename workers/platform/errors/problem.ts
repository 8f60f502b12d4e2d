import type { Context } from "hono";
import type { ZodError } from "zod";
import { AppError, ERROR_TITLES, type FieldError } from "./app-error.ts";

/** RFC 9457 problem details, as every API error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}

export function problemOf(err: AppError, c: Context): Problem {
  const problem: Problem = {
    type: `/api/v1/problems#${err.code}`,
    title: ERROR_TITLES[err.code],
    status: err.status,
    detail: err.message,
    instance: new URL(c.req.url).pathname,
    code: err.code,
    requestId: c.get("requestId"),
  };
  if (err.fields.length > 0) problem.errors = err.fields;
  return problem;
}

export function problemResponse(err: AppError, c: Context): Response {
  const headers = new Headers(err.headers);
  headers.set("Content-Type", "application/problem+json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(problemOf(err, c)), { status: err.status, headers });
}

/** Turns zod issues into per-field messages (zh-CN through zod's locale, see workers/lib/zod-locale.ts). */
export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)",
    message: issue.message,
  }));
}

export function validationError(error: ZodError, target?: string): AppError {
  const fields = fieldErrorsOf(error);
  const where =
    target === "json" || target === "form"
      ? "请求内容"
      : target === "query"
        ? "查询参数"
        : target === "param"
          ? "路径参数"
          : "输入";
  return new AppError(
    "validation_failed",
    `${where}未通过校验：${fields.map((f) => `${f.field} ${f.message}`).join("；")}`,
    { fields },
  );
}
