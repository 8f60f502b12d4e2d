/** Previous/next links for a paged list; keeps the current filters in the query string. */
export function Pager(p: {
  path: string;
  query: Record<string, string | number | undefined | null>;
  page: number;
  size: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.size));
  const href = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(p.query))
      if (v !== undefined && v !== null && v !== "" && k !== "page") q.set(k, String(v));
    q.set("page", String(page));
    return `${p.path}?${q.toString()}`;
  };
  return (
    <nav class="pager" aria-label="分页">
      <span class="muted">
        共 {p.total} 条，第 {p.page}/{pages} 页
      </span>
      {p.page > 1 ? <a href={href(p.page - 1)}>← 上一页</a> : null}
      {p.page < pages ? <a href={href(p.page + 1)}>下一页 →</a> : null}
    </nav>
  );
}

/** Builds a link with the current filters, e.g. for the CSV export of the same list. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
