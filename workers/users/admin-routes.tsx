import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
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

const newPage: FormPage<TextValues> = (c, state, status) =>
  renderAdmin(c, {
    title: "新建用户",
    nav: "users",
    status,
    children: <UserNewPage base={base(c)} csrf={c.var.user!.csrfToken} {...state} />,
  });

usersAdmin.post("/", requirePermission("users.manage"), formCsrf, formValidator(UserCreate, newPage), async (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    newPage,
    values,
    () => createUser(c.var.ctx, data),
    (user) => `${base(c)}/users/${user.id}?done=created`,
  );
});

async function detail(
  c: Context<AppEnv>,
  extra: {
    values?: Record<string, string>;
    errors?: { field: string; message: string }[];
    message?: string;
    passwordErrors?: { field: string; message: string }[];
  } = {},
  status: 200 | 400 | 409 = 200,
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

usersAdmin.post("/:id", requirePermission("users.manage"), formCsrf, formValidator(UserUpdate, detail), async (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    detail,
    values,
    () => updateUser(c.var.ctx, idOf(c), data),
    (user) => `${base(c)}/users/${user.id}?done=saved`,
  );
});

/** The password form has its own place for errors on the user's page. */
const passwordPage: FormPage<TextValues> = (c, state, status) =>
  detail(c, { passwordErrors: state.errors, message: state.message }, status);

usersAdmin.post(
  "/:id/reset-password",
  requirePermission("users.manage"),
  formCsrf,
  formValidator(PasswordReset, passwordPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      passwordPage,
      values,
      () => resetPassword(c.var.ctx, idOf(c), data.password),
      () => `${base(c)}/users/${idOf(c)}?done=password`,
    );
  },
);

for (const [action, status] of [
  ["disable", "disabled"],
  ["enable", "active"],
] as const) {
  usersAdmin.post(`/:id/${action}`, requirePermission("users.manage"), formCsrf, async (c) =>
    submitForm(
      c,
      detail,
      {},
      () => setUserStatus(c.var.ctx, idOf(c), status),
      () => `${base(c)}/users/${idOf(c)}?done=${status === "active" ? "enabled" : "disabled"}`,
    ),
  );
}
