import { Document } from "../layouts/document.tsx";
import { adminCssHref } from "../styles/stylesheets.ts";

/** The zh-CN page for an error on an HTML route. */
export function ErrorPage(p: {
  status: number;
  title: string;
  detail: string;
  requestId?: string | undefined;
  home?: string | undefined;
}) {
  return (
    <Document title={`${p.title} · 帮扶通`} css={adminCssHref}>
      <main class="login">
        <div class="card">
          <h1>{p.title}</h1>
          <p>{p.detail}</p>
          <p class="muted">
            错误代码 {p.status}
            {p.requestId ? (
              <>
                {" "}
                · 请求编号 <span class="mono">{p.requestId}</span>
              </>
            ) : null}
          </p>
          <p>
            <a href={p.home ?? "/"}>返回首页</a>
          </p>
        </div>
      </main>
    </Document>
  );
}
