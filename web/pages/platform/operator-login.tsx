import { Document } from "../../layouts/document.tsx";
import { adminCssHref } from "../../styles/stylesheets.ts";

/** Sign-in of platform operators: separate from every tenant's own sign-in. */
export function OperatorLoginPage(p: { username?: string | undefined; error?: string | undefined }) {
  return (
    <Document title="平台运维登录 · 帮扶通" css={adminCssHref}>
      <header class="top">
        <a class="brand" href="/">
          帮扶通<small>平台运维</small>
        </a>
      </header>
      <main class="login" id="content">
        <div class="card">
          <h1>平台运维登录</h1>
          <p class="muted">仅限平台运维人员。各地区工作人员请从本地区的管理后台登录。</p>
          {p.error ? (
            <p class="notice err" role="alert">
              {p.error}
            </p>
          ) : null}
          <form class="stack" method="post" action="/platform/login">
            <div>
              <label for="username">用户名</label>
              <input
                id="username"
                name="username"
                autocomplete="username"
                required
                value={p.username ?? ""}
                autocapitalize="none"
              />
            </div>
            <div>
              <label for="password">密码</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit">登录</button>
          </form>
        </div>
      </main>
    </Document>
  );
}
