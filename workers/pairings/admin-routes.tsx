import type { ServiceContext } from "../domain/service-context.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { PAIRING_KINDS, type PairingKind } from "../../db/schema/tenant/pairings.ts";
import { scopeOf } from "../domain/scope.ts";
import { PairingDetailPage, PairingListPage, PairingNewPage } from "../../web/pages/admin/pairings.tsx";
import { PairingCreate, PairingEnd, PairingFilter, PairingHandover, PairingUpdate } from "./schemas.ts";
import * as svc from "./service.ts";
import { PAIRING_SIDES } from "./rules.ts";

export const pairingsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "结对已创建", saved: "已保存", ended: "结对已结束", handed: "已移交，新结对已开始" };

pairingsAdmin.get("/", requirePermission("registry.read"), async (c) => {
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
        canImport={can(role, "pairings.manage") && can(role, "imports.run")}
      />
    ),
  });
});

const kindOf = (v: string | undefined): PairingKind | undefined =>
  (PAIRING_KINDS as readonly string[]).includes(v ?? "") ? (v as PairingKind) : undefined;

pairingsAdmin.get("/new", requirePermission("pairings.manage"), async (c) =>
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

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "新建结对",
    nav: "pairings",
    status,
    children: (
      <PairingNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        kind={kindOf(state.values.kind)}
        sides={PAIRING_SIDES}
        choices={await svc.formChoices(c.var.ctx)}
        {...state}
      />
    ),
  });

pairingsAdmin.post(
  "/",
  requirePermission("pairings.manage"),
  formCsrf,
  formValidator(PairingCreate, newPage, {
    // The household may be named by its number or its head's ID number.
    input: async (values, fail, { ctx }) => {
      if (values.householdId === undefined) return values;
      const ref = await svc.resolveHouseholdRef(ctx, values.householdId);
      if (ref === null) fail("householdId", "没有找到这个农户：请填写农户编号或户主的 18 位身份证号");
      return { ...values, householdId: ref ?? undefined };
    },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createPairing(c.var.ctx, data),
      (p) => `${base(c)}/pairings/${p.id}?done=created`,
    );
  },
);

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

pairingsAdmin.get("/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

for (const [path, form, schema, action, flash] of [
  ["", "edit", PairingUpdate, svc.updatePairing, "saved"],
  ["/end", "end", PairingEnd, svc.endPairing, "ended"],
  ["/handover", "handover", PairingHandover, svc.handoverPairing, "handed"],
] as const) {
  const page: FormPage<TextValues> = (c, state, status) => detail(c, { form, ...state }, status);
  pairingsAdmin.post(
    `/:id{[0-9]+}${path}`,
    requirePermission("pairings.manage"),
    formCsrf,
    formValidator(schema as typeof PairingEnd, page),
    async (c) => {
      const { data, values } = c.req.valid("form");
      const id = idOf(c);
      return submitForm(
        c,
        page,
        values,
        () => (action as (ctx: ServiceContext, id: number, v: unknown) => Promise<unknown>)(c.var.ctx, id, data),
        (done) =>
          `${base(c)}/pairings/${form === "handover" ? (done as { current: { id: number } }).current.id : id}?done=${flash}`,
        { propagate: ["not_found"] },
      );
    },
  );
}
