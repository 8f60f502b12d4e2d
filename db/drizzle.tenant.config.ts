import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/tenant/index.ts",
  out: "./db/migrations/tenant",
});
