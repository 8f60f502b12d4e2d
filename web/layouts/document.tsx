import type { Child } from "hono/jsx";

/** The HTML document every page shares: zh-CN, viewport for phones, one stylesheet. */
export function Document(props: { title: string; css: string; children: Child; bodyClass?: string; script?: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={props.css} />
        {props.script ? <script src={props.script} defer></script> : null}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}
