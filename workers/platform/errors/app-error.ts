import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The closed set of error codes every API client can rely on. */
export const ERROR_CODES = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  /** A stored personal value cannot be decrypted (corrupted or from another key); names the record. */
  pii_unreadable: 422,
  tenant_unavailable: 503,
  busy: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** zh-CN titles, shown in problem+json `title` and on HTML error pages. */
export const ERROR_TITLES: Record<ErrorCode, string> = {
  validation_failed: "提交的数据有误",
  bad_request: "请求无效",
  unauthenticated: "请先登录",
  forbidden: "没有权限",
  not_found: "未找到",
  method_not_allowed: "不支持的请求方法",
  conflict: "与当前状态冲突",
  payload_too_large: "提交的内容过大",
  unsupported_media_type: "不支持的内容类型",
  rate_limited: "尝试次数过多",
  pii_unreadable: "个人信息无法解密",
  tenant_unavailable: "服务暂不可用",
  busy: "系统繁忙",
  internal: "服务器内部错误",
};

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type of Bangfu: a code from the closed set, a readable message, optional field errors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    opts: { fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message ?? ERROR_TITLES[code]);
    this.name = "AppError";
    this.code = code;
    this.fields = opts.fields ?? [];
    this.headers = opts.headers ?? {};
  }

  get status(): ContentfulStatusCode {
    return ERROR_CODES[this.code];
  }
}
