import type { PublicUser } from "../../../workers/users/service.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { ROLE_LABELS, USER_STATUS_LABELS } from "../../i18n/zh-CN.ts";
import { formatTime } from "../../components/format.ts";
import { RecordTable } from "../../components/record-table.tsx";

const roleOptions = Object.entries(ROLE_LABELS) as [string, string][];

export function UserListPage(p: {
  base: string;
  users: PublicUser[];
  canManage: boolean;
  filter: { role?: string | undefined; status?: string | undefined; q?: string | undefined };
}) {
  return (
    <>
      <h1>用户管理</h1>
      <form class="inline" method="get" action={`${p.base}/users`} role="search">
        <div>
          <label for="q">姓名或用户名</label>
          <input id="q" name="q" value={p.filter.q ?? ""} />
        </div>
        <div>
          <label for="role">角色</label>
          <select id="role" name="role">
            <option value="">全部</option>
            {roleOptions.map(([v, t]) => (
              <option value={v} selected={p.filter.role === v}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="status">状态</label>
          <select id="status" name="status">
            <option value="">全部</option>
            <option value="active" selected={p.filter.status === "active"}>
              启用
            </option>
            <option value="disabled" selected={p.filter.status === "disabled"}>
              已停用
            </option>
          </select>
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/users/new`}>
            新建用户
          </a>
        ) : null}
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>所属乡镇</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.users.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有符合条件的用户
                </td>
              </tr>
            ) : (
              p.users.map((u) => (
                <tr>
                  <td>
                    <a href={`${p.base}/users/${u.id}`} translate="no">
                      {u.username}
                    </a>
                  </td>
                  <td>{u.displayName}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{u.townshipCode ?? "—"}</td>
                  <td>
                    <span class={`badge ${u.status === "active" ? "ok" : "err"}`}>{USER_STATUS_LABELS[u.status]}</span>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
    </>
  );
}

export function UserNewPage(p: {
  base: string;
  csrf: string;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>新建用户</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/users`}>
        <CsrfField token={p.csrf} />
        <Field
          name="username"
          label="用户名"
          hint="登录用，小写字母数字"
          required
          value={v.username}
          errors={p.errors}
          autocomplete="off"
        />
        <Field name="displayName" label="姓名" required value={v.displayName} errors={p.errors} />
        <SelectField
          name="role"
          label="角色"
          required
          options={roleOptions}
          value={v.role}
          errors={p.errors}
          blank="请选择"
        />
        <Field
          name="townshipCode"
          label="所属乡镇代码"
          hint="仅乡镇干部填写，9 位"
          value={v.townshipCode}
          errors={p.errors}
          inputmode="numeric"
          maxlength={9}
        />
        <Field
          name="cadreId"
          label="关联干部编号"
          hint="仅驻村（帮扶）干部填写，见干部列表"
          value={v.cadreId}
          errors={p.errors}
          inputmode="numeric"
          maxlength={10}
        />
        <Field
          name="password"
          label="初始密码"
          hint="至少 8 位"
          type="password"
          required
          errors={p.errors}
          autocomplete="new-password"
        />
        <div class="actions">
          <button type="submit">创建</button>
          <a class="button secondary" href={`${p.base}/users`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function UserDetailPage(p: {
  base: string;
  csrf: string;
  user: PublicUser;
  canManage: boolean;
  isSelf: boolean;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  passwordErrors?: FieldError[] | undefined;
}) {
  const u = p.user;
  const v = p.values ?? {
    displayName: u.displayName,
    role: u.role,
    townshipCode: u.townshipCode ?? "",
    cadreId: u.cadreId == null ? "" : String(u.cadreId),
  };
  return (
    <>
      <h1>
        用户：{u.displayName}{" "}
        <span class={`badge ${u.status === "active" ? "ok" : "err"}`}>{USER_STATUS_LABELS[u.status]}</span>
      </h1>
      <div class="card">
        <dl class="kv">
          <dt>用户名</dt>
          <dd translate="no">{u.username}</dd>
          <dt>角色</dt>
          <dd>{ROLE_LABELS[u.role]}</dd>
          <dt>所属乡镇</dt>
          <dd>{u.townshipCode ?? "—"}</dd>
          <dt>关联干部</dt>
          <dd>{u.cadreId == null ? "—" : <a href={`${p.base}/cadres/${u.cadreId}`}>干部编号 {u.cadreId}</a>}</dd>
          <dt>创建时间</dt>
          <dd>{formatTime(u.createdAt)}</dd>
          <dt>最后修改</dt>
          <dd>{formatTime(u.updatedAt)}</dd>
        </dl>
      </div>
      {p.canManage ? (
        <>
          <h2>修改信息</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/users/${u.id}`}>
            <CsrfField token={p.csrf} />
            <Field name="displayName" label="姓名" required value={v.displayName} errors={p.errors} />
            <SelectField name="role" label="角色" required options={roleOptions} value={v.role} errors={p.errors} />
            <Field
              name="townshipCode"
              label="所属乡镇代码"
              hint="仅乡镇干部填写，9 位"
              value={v.townshipCode}
              errors={p.errors}
              inputmode="numeric"
              maxlength={9}
            />
            <Field
              name="cadreId"
              label="关联干部编号"
              hint="仅驻村（帮扶）干部填写，见干部列表"
              value={v.cadreId}
              errors={p.errors}
              inputmode="numeric"
              maxlength={10}
            />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
          <h2>重置密码</h2>
          <FormErrors errors={p.passwordErrors} />
          <form class="stack card" method="post" action={`${p.base}/users/${u.id}/reset-password`}>
            <CsrfField token={p.csrf} />
            <Field
              name="password"
              label="新密码"
              hint="至少 8 位；该用户的所有会话将被注销"
              type="password"
              required
              errors={p.passwordErrors}
              autocomplete="new-password"
            />
            <div class="actions">
              <button type="submit" class="secondary">
                重置密码
              </button>
            </div>
          </form>
          {p.isSelf ? null : (
            <form
              method="post"
              action={`${p.base}/users/${u.id}/${u.status === "active" ? "disable" : "enable"}`}
              class="actions"
            >
              <CsrfField token={p.csrf} />
              {u.status === "active" ? (
                <button type="submit" class="danger">
                  停用此用户
                </button>
              ) : (
                <button type="submit" class="secondary">
                  重新启用
                </button>
              )}
            </form>
          )}
        </>
      ) : null}
      <p>
        <a href={`${p.base}/users`}>← 返回用户列表</a>
      </p>
    </>
  );
}
