import { type Child, Fragment, isValidElement } from "hono/jsx";

/** An element as hono/jsx builds it before rendering: its attributes are read from `props` when rendered. */
interface El {
  tag: unknown;
  props: Record<string, unknown>;
  children: Child[];
}
const isEl = (c: unknown): c is El => isValidElement(c) && Array.isArray((c as El).children);

/**
 * A list page's table that never scrolls sideways on a phone: under 600 px each row stacks as a
 * card (table.stack in admin.css) and each cell says its column's name before its value.
 *
 * A drop-in for `<table>`: the column names are read from its own `<thead>` and given to the
 * body's cells as `data-label`, so a page keeps writing its rows as plain `<tr><td>` and a
 * heading is written once. Only cells written directly in the table's JSX are labelled (a row
 * drawn by a component of its own keeps its cells as they are); a cell that names its own label,
 * or spans several columns (an "empty" row), keeps it.
 *
 * `pairs`: numbers side by side two to a line, for rows that are mostly figures.
 */
export function RecordTable(p: { class?: string; pairs?: boolean; children?: Child }) {
  const children = ([] as Child[]).concat(p.children ?? []);
  const labels: string[] = [];
  for (const section of nodes(children, "thead"))
    for (const row of nodes(section.children, "tr"))
      for (const th of nodes(row.children, "th")) {
        const span = Number(th.props.colspan ?? 1) || 1;
        for (let i = 0; i < span; i++) labels.push(textOf(th.children));
      }
  for (const section of nodes(children, "tbody"))
    for (const row of nodes(section.children, "tr")) labelCells(row, labels);
  const cls = ["stack", p.pairs ? "pairs" : null, p.class].filter(Boolean).join(" ");
  return <table class={cls}>{children}</table>;
}

/** The intrinsic elements named `tag` among children, looking through arrays and fragments of a `.map`. */
function nodes(children: Child[], tag: string): El[] {
  const found: El[] = [];
  const walk = (c: Child) => {
    if (Array.isArray(c)) c.forEach(walk);
    else if (isEl(c)) {
      if (c.tag === tag) found.push(c);
      else if (c.tag === Fragment || c.tag === "") c.children.forEach(walk);
    }
  };
  children.forEach(walk);
  return found;
}

/** A heading's words: its text and its elements' text (a `<th>` rarely holds more than a word and a hint). */
function textOf(children: Child[]): string {
  let out = "";
  const walk = (c: Child) => {
    if (typeof c === "string" || typeof c === "number") out += String(c);
    else if (Array.isArray(c)) c.forEach(walk);
    else if (isEl(c) && typeof c.tag === "string") c.children.forEach(walk);
  };
  children.forEach(walk);
  return out.trim();
}

function labelCells(row: El, labels: string[]) {
  let column = 0;
  for (const td of nodes(row.children, "td")) {
    const props = td.props;
    const span = Number(props.colspan ?? 1) || 1;
    const label = labels[column];
    if (span === 1 && label && props["data-label"] === undefined) td.props = { ...props, "data-label": label };
    column += span;
  }
}
