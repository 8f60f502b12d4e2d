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
