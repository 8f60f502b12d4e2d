export * from "./users.ts";
export * from "./audit.ts";
export * from "./places.ts";
export * from "./households.ts";
export * from "./people.ts";
export * from "./pairings.ts";
export * from "./imports.ts";
