import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, readForm, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { UserDetailPage, UserListPage, UserNewPage } from "../../web/pages/admin/users.tsx";
import { PasswordReset, UserCreate, UserIdParam, UserQuery, UserUpdate } from "./schemas.ts";
import { createUser, getUser, listUsers, publicUser, resetPassword, setUserStatus, updateUser } from "./service.ts";
import { AppError } from "../platform/errors/app-error.ts";
import type { Context } from "hono";

export const usersAdmin = new Hono<AppEnv>();

const FLASH = {
  created: "用户已创建",
  saved: "已保存",
  password: "密码已重置，该用户需要重新登录",
  disabled: "用户已停用",
  enabled: "用户已启用",
};
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;

function idOf(c: Context<AppEnv>): number {
  const parsed = UserIdParam.safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这个用户");
  return parsed.data.id;
}

usersAdmin.get("/", requirePermission("users.read"), async (c) => {
  const q = UserQuery.safeParse({
    role: c.req.query("role") || undefined,
    status: c.req.query("status") || undefined,
    q: c.req.query("q") || undefined,
  });
  const filter = q.success ? q.data : {};
  const users = await listUsers(c.var.ctx, filter);
  return renderAdmin(c, {
    title: "用户管理",
    nav: "users",
    flash: flashFrom(c, FLASH),
    children: (
      <UserListPage base={base(c)} users={users} canManage={can(c.var.user!.role, "users.manage")} filter={filter} />
    ),
  });
});

usersAdmin.get("/new", requirePermission("users.manage"), (c) =>
  renderAdmin(c, {
    title: "新建用户",
    nav: "users",
    children: <UserNewPage base={base(c)} csrf={c.var.user!.csrfToken} />,
  }),
);

usersAdmin.post("/", requirePermission("users.manage"), formCsrf, async (c) => {
  const form = await readForm(c, UserCreate);
  const page = (values: Record<string, string>, errors: { field: string; message: string }[], message?: string) =>
    renderAdmin(c, {
      title: "新建用户",
      nav: "users",
      status: 400,
      children: (
        <UserNewPage base={base(c)} csrf={c.var.user!.csrfToken} values={values} errors={errors} message={message} />
      ),
    });
  if (!form.ok) return page(form.values, form.errors);
  const done = await tryAction(() => createUser(c.var.ctx, form.data));
  if (!done.ok) return page(form.data as unknown as Record<string, string>, done.error.fields, done.error.message);
  return c.redirect(`${base(c)}/users/${done.value.id}?done=created`, 303);
});

async function detail(
  c: Context<AppEnv>,
  extra: {
    values?: Record<string, string>;
    errors?: { field: string; message: string }[];
    message?: string;
    passwordErrors?: { field: string; message: string }[];
  } = {},
  status: 200 | 400 = 200,
) {
  const user = publicUser(await getUser(c.var.ctx, idOf(c)));
  return renderAdmin(c, {
    title: `用户 ${user.username}`,
    nav: "users",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <UserDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        user={user}
        canManage={can(c.var.user!.role, "users.manage")}
        isSelf={user.id === c.var.user!.id}
        {...extra}
      />
    ),
  });
}

usersAdmin.get("/:id", requirePermission("users.read"), (c) => detail(c));

usersAdmin.post("/:id", requirePermission("users.manage"), formCsrf, async (c) => {
  const form = await readForm(c, UserUpdate);
  if (!form.ok) return detail(c, { values: form.values, errors: form.errors }, 400);
  const done = await tryAction(() => updateUser(c.var.ctx, idOf(c), form.data));
  if (!done.ok)
    return detail(
      c,
      {
        values: form.data as unknown as Record<string, string>,
        errors: done.error.fields,
        message: done.error.message,
      },
      400,
    );
  return c.redirect(`${base(c)}/users/${done.value.id}?done=saved`, 303);
});

usersAdmin.post("/:id/reset-password", requirePermission("users.manage"), formCsrf, async (c) => {
  const form = await readForm(c, PasswordReset);
  if (!form.ok) return detail(c, { passwordErrors: form.errors }, 400);
  await resetPassword(c.var.ctx, idOf(c), form.data.password);
  return c.redirect(`${base(c)}/users/${idOf(c)}?done=password`, 303);
});

for (const [action, status] of [
  ["disable", "disabled"],
  ["enable", "active"],
] as const) {
  usersAdmin.post(`/:id/${action}`, requirePermission("users.manage"), formCsrf, async (c) => {
    const done = await tryAction(() => setUserStatus(c.var.ctx, idOf(c), status));
    if (!done.ok) return detail(c, { message: done.error.message }, 400);
    return c.redirect(`${base(c)}/users/${idOf(c)}?done=${status === "active" ? "enabled" : "disabled"}`, 303);
  });
}
