import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "./env.ts";
import { AdminLayout, type AdminPageProps } from "../../web/layouts/admin.tsx";
import { ADMIN_NAV } from "../../web/components/admin-nav.ts";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "./errors/app-error.ts";
import { fieldErrorsOf } from "./errors/problem.ts";
import type { ZodType, z } from "zod";

/** Renders an admin page inside the shell for the signed-in user. */
export function renderAdmin(
  c: Context<AppEnv>,
  p: {
    title: string;
    nav: string;
    children: Child;
    flash?: AdminPageProps["flash"];
    status?: 200 | 400 | 404 | 409 | 422;
  },
) {
  c.header("Cache-Control", "no-store");
  const user = c.var.user!;
  // The page shows only the screens the permission table grants; web/ never sees the table itself.
  const allowedNav = new Set(ADMIN_NAV.filter((item) => can(user.role, item.permission)).map((item) => item.key));
  return c.html(
    <AdminLayout title={p.title} nav={p.nav} allowedNav={allowedNav} tenant={c.var.tenant} user={user} flash={p.flash}>
      {p.children}
    </AdminLayout>,
    p.status ?? 200,
  );
}

/** Short notes passed through a redirect (`?done=key`), so a reload does not resubmit. */
export function flashFrom(c: Context<AppEnv>, messages: Record<string, string>): AdminPageProps["flash"] {
  const key = c.req.query("done");
  return key && messages[key] ? { kind: "ok", text: messages[key] } : undefined;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, string> };

/** Validates a posted form with the same zod schema the API uses. */
export async function readForm<S extends ZodType>(c: Context<AppEnv>, schema: S): Promise<FormResult<z.infer<S>>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error), values };
}

/** Runs a domain action for a form; a domain 4xx becomes field errors on the same form. */
export async function tryAction<T>(
  action: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await action() };
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.code !== "unauthenticated" && err.code !== "forbidden")
      return { ok: false, error: err };
    throw err;
  }
}

/** A posted form's text fields (the CSRF token left out). */
export async function formStrings(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

/** A posted form's fields; those named in `multi` (checkbox groups) always come back as arrays. */
export async function formFields(
  c: Context<AppEnv>,
  multi: readonly string[],
): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
    else if (typeof v === "string") out[k] = multi.includes(k) ? [v] : v;
  }
  return out;
}
