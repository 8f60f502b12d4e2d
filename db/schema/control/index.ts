export * from "./tenants.ts";
export * from "./operators.ts";
export * from "./operator-sessions.ts";
