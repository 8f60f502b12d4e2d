import type { Child } from "hono/jsx";
import { PUBLIC_CSS } from "../styles/public.css.ts";

export interface PublicTenant {
  slug: string;
  name: string;
}

/**
 * The public site's page: zh-CN, the stylesheet inlined (allowed by its CSP hash), no scripts,
 * no fonts, no images. Navigation is plain links so everything works with JavaScript off.
 */
export function PublicLayout(p: {
  tenant: PublicTenant;
  title: string;
  children: Child;
  nav?: boolean;
  description?: string;
}) {
  const base = `/t/${p.tenant.slug}`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        {p.description ? <meta name="description" content={p.description} /> : null}
        <title>{`${p.title} · ${p.tenant.name}帮扶公开`}</title>
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      </head>
      <body>
        <a class="skip" href="#main">
          跳到正文
        </a>
        <header>
          <a href={`${base}/`}>
            {p.tenant.name}党建帮扶公开<small>帮扶通 · 村务、财务公开</small>
          </a>
        </header>
        {p.nav === false ? null : (
          <nav class="pn" aria-label="公开栏目">
            <a href={`${base}/`}>首页</a>
            <a href={`${base}/query`}>查询本人补贴</a>
            <a href={`${base}/feedback`}>意见建议</a>
            <a href={`${base}/track`}>查询办理进度</a>
            <a href={`${base}/ledger`}>公开账本</a>
            <a href={`${base}/open-data`}>开放数据</a>
          </nav>
        )}
        <main id="main">{p.children}</main>
        <footer>
          本页面由{p.tenant.name}公开，个人信息已按规定脱敏。对公示内容有异议，可在公示期内提出；其他意见请
          <a href={`${base}/feedback`}>留言</a>。
        </footer>
      </body>
    </html>
  );
}
