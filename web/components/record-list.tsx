import type { Child } from "hono/jsx";
import { type FieldError, FilterSelect, FormErrors } from "./form.tsx";
import { RecordTable } from "./record-table.tsx";

/**
 * The three pieces every register page (后备干部, 党员, 请假, 村两委, 表彰, 培训, 考试) was writing
 * again: the filter above a list, the list, and a record's details. One markup for all of them,
 * so a list reads and stacks on a phone the same way everywhere.
 */

/**
 * A list's filter: a GET form of inline fields (FilterSelect, Field) with the 筛选 button, and
 * below it the filter's own errors (a bad year in the address), shown in Chinese.
 */
export function FilterBar(p: { action: string; errors?: FieldError[] | undefined; card?: boolean; children?: Child }) {
  return (
    <>
      <form class={p.card ? "inline card" : "inline"} method="get" action={p.action} role="search">
        {p.children}
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      {p.errors ? <FormErrors errors={p.errors} /> : null}
    </>
  );
}

/** A column heading; an object gives the column's class (`num` right-aligns it). */
export type ListColumn = string | { label: string; class: string };

/**
 * A list of records: its headings, one row per record (`row` returns the `<tr>`), and a muted
 * line saying the list is empty. Stacks as cards on a phone (RecordTable).
 */
export function RecordList<T>(p: {
  columns: ListColumn[];
  items: readonly T[];
  empty: string;
  row: (item: T) => Child;
}) {
  return (
    <div class="table-wrap">
      <RecordTable>
        <thead>
          <tr>{p.columns.map((c) => (typeof c === "string" ? <th>{c}</th> : <th class={c.class}>{c.label}</th>))}</tr>
        </thead>
        <tbody>
          {p.items.length === 0 ? (
            <tr>
              <td colspan={p.columns.length} class="muted">
                {p.empty}
              </td>
            </tr>
          ) : (
            p.items.map(p.row)
          )}
        </tbody>
      </RecordTable>
    </div>
  );
}

/**
 * A record's details as label and value pairs in a card (an optional class for the value, e.g.
 * `mono`); a pair given as null or false is left out (a field the record does not have).
 */
export function DetailList(p: {
  items: ReadonlyArray<readonly [label: string, value: Child, ddClass?: string] | null | false>;
}) {
  return (
    <div class="card">
      <dl class="kv">
        {p.items.map((item) =>
          item ? (
            <>
              <dt>{item[0]}</dt>
              <dd class={item[2]}>{item[1]}</dd>
            </>
          ) : null,
        )}
      </dl>
    </div>
  );
}

/**
 * The 乡镇 filter of a list, offered only when the user has more than one township to choose
 * from (a township officer's lists are already theirs alone).
 */
export function TownshipFilter(p: {
  townships: ReadonlyArray<{ code: string; name: string }>;
  value?: string | null | undefined;
}) {
  return p.townships.length > 1 ? (
    <FilterSelect
      name="townshipCode"
      label="乡镇"
      options={p.townships.map((t) => [t.code, t.name] as const)}
      value={p.value}
    />
  ) : null;
}
