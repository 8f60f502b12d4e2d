/** 村干部报酬岗位标准 screen (/admin/village-official-pay-rates/:programId); its rules live with the roster in workers/village-cadres/pay.ts. */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues, yuanToFen } from "../platform/admin-form.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { can } from "../domain/permissions.ts";
import { VILLAGE_OFFICIAL_POSTS } from "../../db/schema/tenant/village-cadres.ts";
import { PayRatesPage, rateField } from "../../web/pages/admin/village-official-pay-rates.tsx";
import { PayRatesSet } from "../village-cadres/schemas.ts";
import { payRatesScreen, setPayRates } from "../village-cadres/pay.ts";

/** 岗位标准 of a village-cadre pay program, reached from the program's page (the API is /village-official-pay-rates). */
export const villageOfficialPayRatesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;

function programIdOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("programId"));
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw new AppError("not_found", "没有这个资金项目");
  return id;
}

/** The posts typed on the form, in the schema's order: the rates array is built from them, index by index. */
const typedPosts = (v: TextValues) => VILLAGE_OFFICIAL_POSTS.filter((post) => (v[rateField(post)] ?? "").trim() !== "");

/** The form's strings → the API's body: amounts typed in yuan per post (blank → the program's amount). */
function toInput(v: TextValues, fail: (field: string, message: string) => void) {
  const uplift = (v.honourUpliftPct ?? "").trim();
  return {
    rates: typedPosts(v).map((post, i) => ({
      post,
      amountFen: yuanToFen(v[rateField(post)], `rates.${i}.amountFen`, fail),
    })),
    honourUpliftPct: /^\d{1,3}$/.test(uplift) ? Number(uplift) : uplift === "" ? undefined : Number.NaN,
  };
}

/** `rates.2.amountFen` → the field of the third typed post, so the error shows beside it. */
function onForm(errors: FieldError[], v: TextValues): FieldError[] {
  const posts = typedPosts(v);
  return errors.map((e) => {
    const m = /^rates\.(\d+)/.exec(e.field);
    const post = m ? posts[Number(m[1])] : undefined;
    return post ? { ...e, field: rateField(post) } : e;
  });
}

async function screen(
  c: Context<AppEnv>,
  extra: { values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const { view, payable } = await payRatesScreen(c.var.ctx, programIdOf(c));
  return renderAdmin(c, {
    title: `岗位标准：${view.programName}`,
    nav: "programs",
    status,
    flash: flashFrom(c, { saved: "岗位标准已保存" }),
    children: (
      <PayRatesPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        view={view}
        payable={payable}
        canManage={can(c.var.user!.role, "programs.manage")}
        {...extra}
        errors={extra.errors && extra.values ? onForm(extra.errors, extra.values) : extra.errors}
      />
    ),
  });
}

villageOfficialPayRatesAdmin.get("/:programId{[0-9]+}", requirePermission("money.read"), (c) => screen(c));

const formPage: FormPage<TextValues> = (c, state, status) => screen(c, state, status);
villageOfficialPayRatesAdmin.post(
  "/:programId{[0-9]+}",
  requirePermission("programs.manage"),
  formCsrf,
  formValidator(PayRatesSet, formPage, { input: toInput }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      formPage,
      values,
      () => setPayRates(c.var.ctx, programIdOf(c), data),
      () => `${base(c)}/village-official-pay-rates/${programIdOf(c)}?done=saved`,
      { propagate: ["not_found"] },
    );
  },
);
