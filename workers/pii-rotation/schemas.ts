import { z } from "zod";
import { MAX_PAGE_SIZE, MAX_PAGES_PER_RUN } from "./service.ts";

/** `POST /api/v1/platform/tenants/{slug}/pii-rotation`: how much work one call may do. */
export const RotationRunBody = z
  .object({
    maxPages: z.coerce
      .number()
      .int("页数须为整数")
      .min(1, "至少处理 1 页")
      .max(MAX_PAGES_PER_RUN, `每次最多处理 ${MAX_PAGES_PER_RUN} 页`)
      .default(MAX_PAGES_PER_RUN),
    pageSize: z.coerce
      .number()
      .int("每页行数须为整数")
      .min(1, "每页至少 1 行")
      .max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 行`)
      .default(50),
  })
  .strict();
