import type { ServiceContext } from "../domain/service-context.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction, formStrings } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { PAIRING_KINDS, type PairingKind } from "../../db/schema/tenant/pairings.ts";
import { scopeOf } from "../domain/scope.ts";
import { PairingDetailPage, PairingListPage, PairingNewPage } from "../../web/pages/admin/pairings.tsx";
import { PairingCreate, PairingEnd, PairingFilter, PairingHandover, PairingUpdate } from "./schemas.ts";
import * as svc from "./service.ts";
import { PAIRING_SIDES } from "./rules.ts";

export const pairingsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "结对已创建", saved: "已保存", ended: "结对已结束", handed: "已移交，新结对已开始" };

const formValues = formStrings;

pairingsAdmin.get("/pairings", requirePermission("registry.read"), async (c) => {
  const raw = Object.fromEntries(
    ["kind", "status", "villageId", "cadreId", "unitId", "householdId", "page"].map((k) => [
      k,
      c.req.query(k) || undefined,
    ]),
  );
  const f = PairingFilter.safeParse(raw);
  const page = Math.max(1, Number(raw.page) || 1);
  const [list, choices] = await Promise.all([
    svc.listPairings(c.var.ctx, { ...(f.success ? f.data : {}), page, size: 50 }),
    svc.formChoices(c.var.ctx),
  ]);
  const flash =
    c.req.query("done") === "imported"
      ? { kind: "ok" as const, text: `导入完成：新增 ${Number(c.req.query("n")) || 0} 个结对` }
      : flashFrom(c, FLASH);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: "结对帮扶",
    nav: "pairings",
    flash,
    children: (
      <PairingListPage
        base={base(c)}
        apiBase={`/t/${c.var.tenant.slug}/api/v1`}
        page={list}
        choices={choices}
        filter={raw}
        canManage={can(role, "pairings.manage")}
        canImport={can(role, "imports.run")}
      />
    ),
  });
});

const kindOf = (v: string | undefined): PairingKind | undefined =>
  (PAIRING_KINDS as readonly string[]).includes(v ?? "") ? (v as PairingKind) : undefined;

pairingsAdmin.get("/pairings/new", requirePermission("pairings.manage"), async (c) =>
  renderAdmin(c, {
    title: "新建结对",
    nav: "pairings",
    children: (
      <PairingNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        kind={kindOf(c.req.query("kind"))}
        sides={PAIRING_SIDES}
        choices={await svc.formChoices(c.var.ctx)}
        values={{ householdId: c.req.query("householdId") ?? "", villageId: c.req.query("villageId") ?? "" }}
      />
    ),
  }),
);

pairingsAdmin.post("/pairings", requirePermission("pairings.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const page = async (errors: FieldError[], message?: string) =>
    renderAdmin(c, {
      title: "新建结对",
      nav: "pairings",
      status: 400,
      children: (
        <PairingNewPage
          base={base(c)}
          csrf={c.var.user!.csrfToken}
          kind={kindOf(values.kind)}
          sides={PAIRING_SIDES}
          choices={await svc.formChoices(c.var.ctx)}
          values={values}
          errors={errors}
          message={message}
        />
      ),
    });
  const input: Record<string, string | undefined> = { ...values };
  if (values.householdId !== undefined) {
    const ref = await svc.resolveHouseholdRef(c.var.ctx, values.householdId);
    if (ref === null)
      return page([{ field: "householdId", message: "没有找到这个农户：请填写农户编号或户主的 18 位身份证号" }]);
    input.householdId = ref;
  }
  const parsed = PairingCreate.safeParse(input);
  if (!parsed.success) return page(fieldErrorsOf(parsed.error));
  const done = await tryAction(() => svc.createPairing(c.var.ctx, parsed.data));
  if (!done.ok) return page(done.error.fields, done.error.message);
  return c.redirect(`${base(c)}/pairings/${done.value.id}?done=created`, 303);
});

function idOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31) throw new AppError("not_found", "没有这个结对记录");
  return id;
}

async function detail(
  c: Context<AppEnv>,
  extra: {
    form?: "edit" | "end" | "handover";
    values?: Record<string, string>;
    errors?: FieldError[];
    message?: string;
  } = {},
  status: 200 | 400 | 409 = 200,
) {
  const pairing = await svc.getPairing(c.var.ctx, idOf(c));
  const role = c.var.user!.role;
  const cadres =
    can(role, "pairings.manage") && scopeOf(c.var.user!).kind !== "cadre"
      ? (await svc.formChoices(c.var.ctx)).cadres
      : [];
  return renderAdmin(c, {
    title: "结对详情",
    nav: "pairings",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <PairingDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        pairing={pairing}
        cadres={cadres}
        canManage={can(role, "pairings.manage")}
        canHandover={scopeOf(c.var.user!).kind !== "cadre"}
        endBlocked={svc.cannotEndReason(pairing)}
        {...extra}
      />
    ),
  });
}

pairingsAdmin.get("/pairings/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

for (const [path, form, schema, action, flash] of [
  ["", "edit", PairingUpdate, svc.updatePairing, "saved"],
  ["/end", "end", PairingEnd, svc.endPairing, "ended"],
  ["/handover", "handover", PairingHandover, svc.handoverPairing, "handed"],
] as const) {
  pairingsAdmin.post(`/pairings/:id{[0-9]+}${path}`, requirePermission("pairings.manage"), formCsrf, async (c) => {
    const values = await formValues(c);
    const parsed = schema.safeParse(values);
    if (!parsed.success) return detail(c, { form, values, errors: fieldErrorsOf(parsed.error) }, 400);
    const id = idOf(c);
    const done = await tryAction(() =>
      (action as (ctx: ServiceContext, id: number, v: unknown) => Promise<unknown>)(c.var.ctx, id, parsed.data),
    );
    if (!done.ok) {
      if (done.error.code === "not_found") throw done.error;
      return detail(
        c,
        { form, values, errors: done.error.fields, message: done.error.message },
        done.error.status === 409 ? 409 : 400,
      );
    }
    const next = form === "handover" ? (done.value as { current: { id: number } }).current.id : id;
    return c.redirect(`${base(c)}/pairings/${next}?done=${flash}`, 303);
  });
}
