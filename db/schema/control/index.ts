export * from "./tenants.ts";
export * from "./operators.ts";
