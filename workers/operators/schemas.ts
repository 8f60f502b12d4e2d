import { z } from "zod";
import { TENANT_STATUSES } from "../../db/schema/control/tenants.ts";

export const OperatorLoginBody = z.object({
  username: z.string().trim().min(1, "请填写用户名").max(64),
  password: z.string().min(1, "请填写密码").max(128),
});

/** `/platform/tenants` and `GET /api/v1/platform/tenants`: paged, filtered catalog. */
export const TenantListQuery = z.object({
  page: z.coerce.number().int().min(1, "页码从 1 开始").max(10_000).default(1),
  size: z.coerce.number().int().min(1).max(100, "每页最多 100 条").default(50),
  province: z
    .string()
    .regex(/^\d{2}$/, "省份为区划代码前两位")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  status: z
    .enum(TENANT_STATUSES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  q: z.string().trim().max(40, "搜索词最多 40 个字").optional(),
});
