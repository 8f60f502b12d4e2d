import { z } from "zod";

/** `?page=&size=` on every list: 1-based pages, at most 200 rows. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1, "页码从 1 开始").default(1),
  size: z.coerce.number().int().min(1).max(200, "每页最多 200 条").default(50),
});

export type PageParams = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export function offsetOf(p: PageParams): number {
  return (p.page - 1) * p.size;
}

/**
 * `?after=<id>`: keyset paging of a list ordered by id, newest first — the next page starts below
 * the last id of this one, so page 500 costs what page 1 costs (OFFSET reads every skipped row).
 * The list answers `nextAfter` (null on the last page).
 */
export const AfterQuery = z.object({
  after: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int("游标应为整数").positive("游标应为正整数").max(Number.MAX_SAFE_INTEGER).optional(),
  ),
});
