import type { Child } from "hono/jsx";

/**
 * Building blocks of the "whole picture" sections on detail pages (household, village, unit):
 * a heading with an id (so the page's contents list can link to it) and a "more" link to the
 * full list, and a small table that says in words when it is empty.
 */
export function PictureSection(p: {
  id: string;
  title: string;
  more?: { href: string; label: string } | undefined;
  children: Child;
}) {
  return (
    <section class="picture" id={p.id} aria-labelledby={`${p.id}-h`}>
      <h2 id={`${p.id}-h`}>{p.title}</h2>
      {p.children}
      {p.more ? (
        <p class="more">
          <a href={p.more.href}>{p.more.label}</a>
        </p>
      ) : null}
    </section>
  );
}

/** A column heading; `num` right-aligns the column, `text` gives long text room on a phone. */
export type Column = string | { label: string; num: true } | { label: string; text: true };

/**
 * Under 600 px wide the rows stack as cards (table.stack in admin.css): each cell says its
 * column's name before its value, so a phone never scrolls a table sideways.
 */
export function MiniTable(p: { columns: Column[]; rows: Child[][]; empty: string }) {
  const cls = p.columns.map((c) => (typeof c === "string" ? undefined : "num" in c ? "num" : "text"));
  const labels = p.columns.map((c) => (typeof c === "string" ? c : c.label));
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>{p.columns.map((c, i) => (typeof c === "string" ? <th>{c}</th> : <th class={cls[i]}>{c.label}</th>))}</tr>
        </thead>
        <tbody>
          {p.rows.length === 0 ? (
            <tr>
              <td colspan={p.columns.length} class="muted">
                {p.empty}
              </td>
            </tr>
          ) : (
            p.rows.map((r) => (
              <tr>
                {r.map((cell, i) => (
                  <td class={cls[i]} data-label={labels[i]}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The page's contents: links to its sections, for long detail pages on a phone. */
export function PictureContents(p: { items: [id: string, label: string][] }) {
  return (
    <nav class="picture-toc" aria-label="本页内容">
      {p.items.map(([id, label]) => (
        <a href={`#${id}`}>{label}</a>
      ))}
    </nav>
  );
}
