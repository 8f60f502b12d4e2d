import { z } from "@hono/zod-openapi";
import { ROLES } from "../../db/schema/tenant/users.ts";

export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, "用户名为 3–32 位小写字母、数字或 _ . -，以字母或数字开头");
export const Password = z.string().min(8, "密码至少 8 位").max(128, "密码最多 128 位");
export const DisplayName = z.string().trim().min(1, "请填写姓名").max(40, "姓名最多 40 个字");
export const TownshipCode = z
  .string()
  .trim()
  .regex(/^\d{9}$/, "乡镇代码为 9 位数字");
/** The cadre record (registry) a user with the cadre role acts as. */
export const CadreLink = z.coerce
  .number({ error: "无效的干部编号" })
  .int("无效的干部编号")
  .positive("无效的干部编号")
  .max(2 ** 31, "无效的干部编号");

/** Empty form fields arrive as "": treat them as absent. */
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const UserCreate = z
  .object({
    username: Username,
    displayName: DisplayName,
    role: z.enum(ROLES, "请选择角色"),
    townshipCode: z.preprocess(blankToUndefined, TownshipCode.optional()),
    cadreId: z
      .preprocess(blankToUndefined, CadreLink.optional())
      .openapi({ description: "仅驻村（帮扶）干部角色：关联的干部档案编号" }),
    password: Password,
  })
  .openapi("UserCreate");

export const UserUpdate = z
  .object({
    displayName: DisplayName.optional(),
    role: z.enum(ROLES, "请选择角色").optional(),
    townshipCode: z.preprocess(blankToUndefined, TownshipCode.nullable().optional()),
    cadreId: z
      .preprocess((v) => (v === "" ? null : v), CadreLink.nullable().optional())
      .openapi({ description: "仅驻村（帮扶）干部角色；null 解除关联" }),
  })
  .openapi("UserUpdate");

export const PasswordReset = z.object({ password: Password }).openapi("PasswordReset");

export const User = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    townshipCode: z.string().nullable(),
    cadreId: z.number().int().nullable(),
    status: z.enum(["active", "disabled"]),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("User");

export const UserList = z.object({ items: z.array(User), total: z.number().int() }).openapi("UserList");

export const UserQuery = z.object({
  role: z.enum(ROLES).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  q: z.string().trim().max(40).optional(),
});

export const UserIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive("无效的用户编号")
    .openapi({ param: { name: "id", in: "path" } }),
});

export type UserCreateInput = z.infer<typeof UserCreate>;
export type UserUpdateInput = z.infer<typeof UserUpdate>;
