import { Document } from "../layouts/document.tsx";
import { adminCssHref } from "../styles/stylesheets.ts";

/** A way out of an error page: where to go next, nearest first. */
export interface ErrorLink {
  href: string;
  label: string;
}

/** The error itself: title, what happened, the request id to quote, and the ways back. */
export function ErrorBody(p: {
  status: number;
  title: string;
  detail: string;
  requestId?: string | undefined;
  links: ErrorLink[];
}) {
  return (
    <>
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
      <nav aria-label="返回">
        <ul class="error-links">
          {p.links.map((l) => (
            <li>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** The zh-CN page for an error on an HTML route, for someone not signed in to the admin UI. */
export function ErrorPage(p: {
  status: number;
  title: string;
  detail: string;
  requestId?: string | undefined;
  links: ErrorLink[];
}) {
  return (
    <Document title={`${p.title} · 帮扶通`} css={adminCssHref}>
      <main class="login">
        <div class="card">
          <ErrorBody {...p} />
        </div>
      </main>
    </Document>
  );
}
