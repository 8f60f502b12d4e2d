import type { Context, MiddlewareHandler } from "hono";
import { type ZodType, z } from "zod";
import type { AppEnv } from "./env.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { AppError, type ErrorCode, type FieldError } from "./errors/app-error.ts";
import { fieldErrorsOf } from "./errors/problem.ts";
import { CSRF_FIELD } from "../../web/components/form.tsx";
import { parseYuanToFen } from "../lib/money.ts";

/**
 * The one path of an admin form: `formValidator` parses the posted form with the API's zod schema
 * and, when it fails, renders the form's page again with `{ values, errors }` (400); the handler
 * reads `c.req.valid("form")` and runs its action through `submitForm`, which shows a domain 4xx
 * (AppError) on the same page. A page is one function, `FormPage`, used by both.
 *
 * Why not `@hono/zod-validator`: its hook sees only the schema's result for the body Hono built;
 * a form needs more around the same schema: the values as typed (checkbox groups as arrays, the
 * CSRF token left out) to show them again, and a step from the form's strings to the API's input
 * (yuan → fen, "1" → true) whose errors join the schema's. This middleware is that, on Hono's
 * validated-data slot, so handlers still read typed data through `c.req.valid("form")`.
 */

/** A posted form's text fields, as its page shows them again. */
export type TextValues = Record<string, string>;
/** The same, where checkbox groups (`multi`) are arrays. */
export type FormValues = Record<string, string | string[]>;

/** What a form page shows after a failed submit. */
export interface FormState<V> {
  values: V;
  errors: FieldError[];
  message?: string;
}

/** Renders a form's page again: 400 for bad input, 409 for a conflict with the current state. */
export type FormPage<V> = (c: Context<AppEnv>, state: FormState<V>, status: 400 | 409) => Response | Promise<Response>;

/** Schema fields named otherwise on the form: `{ amountFen: "amount" }` (a nested path goes by its first part), or a function. */
export type FieldNames = Record<string, string> | ((field: string) => string);

export interface FormOptions<V> {
  /** Checkbox groups: always arrays (empty when nothing is ticked). */
  multi?: readonly string[];
  /**
   * The form's strings → the schema's input; `fail` records a field error (e.g. an amount in yuan
   * that is no amount). May look things up through the service context (a household by ID number).
   */
  input?: (
    values: V,
    fail: (field: string, message: string) => void,
    more: { files: Record<string, File>; ctx: ServiceContext },
  ) => unknown;
  fields?: FieldNames;
}

/** What `c.req.valid("form")` holds after `formValidator`: the schema's output and the values as posted. */
export interface Submitted<T, V> {
  data: T;
  values: V;
}

function rename(errors: FieldError[], fields: FieldNames | undefined): FieldError[] {
  if (!fields) return errors;
  return errors.map((e) => {
    if (typeof fields === "function") return { ...e, field: fields(e.field) };
    const head = e.field.split(".")[0]!;
    return Object.hasOwn(fields, head) ? { ...e, field: fields[head]! } : e;
  });
}

/**
 * Validates a posted admin form with `schema`; on failure renders `page` with the values and
 * field errors (400), otherwise leaves `{ data, values }` for `c.req.valid("form")`.
 *
 * @example
 * app.post("/units", formCsrf, formValidator(UnitCreate, newPage), (c) => {
 *   const { data, values } = c.req.valid("form");
 *   return submitForm(c, newPage, values, () => createUnit(c.var.ctx, data), (u) => `/units/${u.id}`);
 * });
 */
export function formValidator<S extends ZodType>(
  schema: S,
  page: FormPage<TextValues>,
  opts?: FormOptions<TextValues> & { multi?: undefined },
): MiddlewareHandler<AppEnv, string, { out: { form: Submitted<z.output<S>, TextValues> } }>;
export function formValidator<S extends ZodType>(
  schema: S,
  page: FormPage<FormValues>,
  opts: FormOptions<FormValues> & { multi: readonly string[] },
): MiddlewareHandler<AppEnv, string, { out: { form: Submitted<z.output<S>, FormValues> } }>;
export function formValidator<S extends ZodType>(
  schema: S,
  page: FormPage<TextValues> | FormPage<FormValues>,
  opts: FormOptions<TextValues> | FormOptions<FormValues> = {},
): MiddlewareHandler<AppEnv, string, { out: { form: Submitted<z.output<S>, FormValues> } }> {
  return async (c, next) => {
    const body = await c.req.parseBody({ all: true });
    const values: FormValues = {};
    const files: Record<string, File> = {};
    for (const [k, v] of Object.entries(body)) {
      if (k === CSRF_FIELD) continue;
      const all = Array.isArray(v) ? v : [v];
      const texts = all.filter((x): x is string => typeof x === "string");
      const file = all.find((x): x is File => x instanceof File);
      if (file) files[k] = file;
      if (opts.multi?.includes(k)) values[k] = texts;
      else if (texts.length > 0) values[k] = texts[texts.length - 1]!;
    }
    for (const k of opts.multi ?? []) values[k] ??= [];
    const errors: FieldError[] = [];
    const input = opts.input
      ? await (opts as FormOptions<FormValues>).input!(values, (field, message) => errors.push({ field, message }), {
          files,
          ctx: c.var.ctx,
        })
      : values;
    const parsed = await schema.safeParseAsync(input);
    if (!parsed.success) {
      // A field the form step already refused is not reported twice (e.g. "not an amount" and "required").
      const refused = new Set(errors.map((e) => e.field));
      errors.push(...rename(fieldErrorsOf(parsed.error), opts.fields).filter((e) => !refused.has(e.field)));
    }
    // Without `multi` every value is a string (the first overload), so either page takes them.
    if (errors.length > 0 || !parsed.success) return (page as FormPage<FormValues>)(c, { values, errors }, 400);
    c.req.addValidatedData("form", { data: parsed.data, values });
    await next();
  };
}

export interface SubmitOptions {
  fields?: FieldNames;
  /** Domain errors that are not the form's business and go to the error page (e.g. "not_found"). */
  propagate?: readonly ErrorCode[];
  /** Field errors to show for a domain error; by default its own. */
  errors?: (err: AppError) => FieldError[];
}

/**
 * Runs a form's domain action. Success: `then(result)` is a path to redirect to (303, so a reload
 * does not resubmit) or a response. A domain 4xx (AppError) shows the same page with its message
 * and field errors: 409 for a conflict, else 400. Sign-in and permission errors, 5xx and anything
 * else propagate to the error handler.
 */
export async function submitForm<T, V>(
  c: Context<AppEnv>,
  page: FormPage<V>,
  values: V,
  action: () => Promise<T>,
  then: (result: T) => string | Response | Promise<Response>,
  opts: SubmitOptions = {},
): Promise<Response> {
  let result: T;
  try {
    result = await action();
  } catch (err) {
    if (
      !(err instanceof AppError) ||
      err.status >= 500 ||
      err.code === "unauthenticated" ||
      err.code === "forbidden" ||
      opts.propagate?.includes(err.code)
    )
      throw err;
    const errors = rename(opts.errors ? opts.errors(err) : err.fields, opts.fields);
    return page(c, { values, errors, message: err.message }, err.code === "conflict" ? 409 : 400);
  }
  const next = await then(result);
  return typeof next === "string" ? c.redirect(next, 303) : next;
}

/** An amount typed in yuan ("1,234.5") → fen for the schema; one that is no amount is a field error. */
export function yuanToFen(
  raw: string | undefined,
  field: string,
  fail: (field: string, message: string) => void,
): number | undefined {
  const fen = parseYuanToFen(raw ?? "");
  if (fen.ok) return fen.fen;
  fail(field, fen.message);
  return undefined;
}

const YEAR = "请填写 2000–2100 之间的年份";
/** A year typed on a form (budgets, incomes). */
export const FormYear = z
  .string()
  .regex(/^\d{4}$/, YEAR)
  .transform(Number)
  .pipe(z.number().min(2000, YEAR).max(2100, YEAR));
