import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors/app-error.ts";

/** A UTF-16 code unit that is half of a pair without its other half: not a character, not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What a browser or URL decoder leaves where the bytes were not valid UTF-8. */
const REPLACEMENT = "\ufffd";
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

const MESSAGE = "含有无效字符（不完整的 Unicode 编码），请删除后重新输入";

function invalid(field: string): AppError {
  return new AppError("validation_failed", MESSAGE, { fields: [{ field: field || "body", message: MESSAGE }] });
}

/**
 * Walks a parsed JSON value: throws 400 naming the first field that holds a lone surrogate, and
 * returns the value with every string (keys too) in Unicode NFC, so "é" typed two ways is one name.
 */
function cleanJson(value: unknown, path: string, changed: { any: boolean }): unknown {
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) throw invalid(path);
    const nfc = value.normalize("NFC");
    if (nfc !== value) changed.any = true;
    return nfc;
  }
  if (Array.isArray(value)) return value.map((v, i) => cleanJson(v, `${path}.${i}`, changed));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = cleanJson(k, path, changed) as string;
      out[key] = cleanJson(v, path ? `${path}.${key}` : key, changed);
    }
    return out;
  }
  return value;
}

function cleanFormText(key: string, value: string): string {
  // A form or query string arrives as bytes: invalid UTF-8 (a lone surrogate included) decodes to U+FFFD.
  if (LONE_SURROGATE.test(value) || value.includes(REPLACEMENT)) throw invalid(key);
  return value.normalize("NFC");
}

/** Hono keeps promises in its body cache (its type says values); every reader awaits them. */
function setCached(cache: object, key: "text" | "formData", value: Promise<unknown>): void {
  (cache as Record<string, Promise<unknown>>)[key] = value;
}

/**
 * Text at the edge: every JSON body, form and query string is refused with a 400 field error when
 * it holds invalid Unicode (lone surrogates, or bytes that were not UTF-8), and every string is
 * NFC-normalised before validation, so what is stored is valid UTF-8 and compares as people expect.
 * The cleaned body replaces Hono's cached one, which validators and `parseBody` read.
 */
export const textInput = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  for (const [key, value] of url.searchParams) {
    if (LONE_SURROGATE.test(value) || value.includes(REPLACEMENT)) throw invalid(key);
  }
  const method = c.req.method;
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (JSON_TYPE.test(type)) {
      const text = await c.req.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Malformed JSON is the validator's to report.
        return next();
      }
      const changed = { any: false };
      const cleaned = cleanJson(parsed, "", changed);
      // Re-serialised only when normalising changed a string, so numbers reach the validator as sent.
      if (changed.any) setCached(c.req.bodyCache, "text", Promise.resolve(JSON.stringify(cleaned)));
    } else if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        return next();
      }
      const cleaned = new FormData();
      for (const [key, value] of form) {
        cleaned.append(key, typeof value === "string" ? cleanFormText(key, value) : value);
      }
      setCached(c.req.bodyCache, "formData", Promise.resolve(cleaned));
    }
  }
  return next();
});
