import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { can } from "../domain/permissions.ts";
import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { IdParam } from "../units/schemas.ts";
import { PartyMemberDetailPage, PartyMemberListPage } from "../../web/pages/admin/party-members.tsx";
import { PartyMemberCreate, PartyMemberQuery, PartyMemberUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

export const partyMembersAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const q = (c: Context<AppEnv>, k: string) => c.req.query(k) || undefined;
const FLASH = { created: "已登记党员", saved: "已保存" };

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("党员").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这名党员");
  return parsed.data.id;
}

async function list(
  c: Context<AppEnv>,
  state: { values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const raw = { only: q(c, "only"), q: q(c, "q"), page: q(c, "page") };
  const parsed = PartyMemberQuery.safeParse(raw);
  const page = await svc.listPartyMembers(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "党员",
    nav: "party-members",
    status: status === 200 && !parsed.success ? 400 : status,
    flash: flashFrom(c, FLASH),
    children: (
      <PartyMemberListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        page={page}
        filter={raw}
        filterErrors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
        canManage={can(c.var.user!.role, "party_members.manage")}
        candidates={await pickCandidates(c.var.ctx, "households", state.values?.householdId)}
        {...state}
      />
    ),
  });
}

partyMembersAdmin.get("/", requirePermission("party_members.read"), (c) => list(c));

/** The form picks the household and names the member; the API takes the member's id. */
async function memberInput(
  values: TextValues,
  fail: (field: string, message: string) => void,
  more: { ctx: ServiceContext },
) {
  const out = (await resolvePicks<TextValues>([{ field: "householdId", entity: "households" }])(
    values,
    fail,
    more,
  )) as TextValues;
  const name = values.memberName?.trim();
  const householdId = Number(out.householdId);
  if (name && Number.isInteger(householdId) && householdId > 0) {
    const id = await svc.memberIdByName(more.ctx, householdId, name);
    if (id === null) fail("memberName", `该户没有名叫“${name}”的家庭成员（请先在农户页添加）`);
    else if (id === "several") fail("memberName", `该户有多名“${name}”，请在 API 中按家庭成员编号登记`);
    else out.householdMemberId = String(id);
  }
  return out;
}

const newPage: FormPage<TextValues> = (c, state, status) => list(c, state, status);
partyMembersAdmin.post(
  "/",
  requirePermission("party_members.manage"),
  formCsrf,
  formValidator(PartyMemberCreate, newPage, { input: memberInput }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createPartyMember(c.var.ctx, data),
      (m) => `${base(c)}/party-members/${m.id}?done=created`,
    );
  },
);

async function detail(
  c: Context<AppEnv>,
  state: { values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const m = await svc.getPartyMember(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: `党员 ${m.name}`,
    nav: "party-members",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <PartyMemberDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        m={m}
        canManage={can(c.var.user!.role, "party_members.manage")}
        {...state}
      />
    ),
  });
}

partyMembersAdmin.get("/:id{[0-9]+}", requirePermission("party_members.read"), (c) => detail(c));
const editPage: FormPage<TextValues> = (c, state, status) => detail(c, state, status);
partyMembersAdmin.post(
  "/:id{[0-9]+}",
  requirePermission("party_members.manage"),
  formCsrf,
  formValidator(PartyMemberUpdate, editPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      editPage,
      values,
      () => svc.updatePartyMember(c.var.ctx, idOf(c), data),
      () => `${base(c)}/party-members/${idOf(c)}?done=saved`,
      { propagate: ["not_found"] },
    );
  },
);
