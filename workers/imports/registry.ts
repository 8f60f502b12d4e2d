import type { AnyImport } from "./definition.ts";

/**
 * Every importable entity, by the name used in URLs (`/imports/:entity`). The definitions live
 * with their resources (`workers/<resource>/*-import.ts`) and are registered by `workers/app.tsx`,
 * so this folder depends on none of them (no imports ↔ batches cycle).
 */
const IMPORTS = new Map<string, AnyImport>();

export function registerImports(defs: Record<string, AnyImport>): void {
  for (const [entity, def] of Object.entries(defs)) IMPORTS.set(entity, def);
}

export function importDefinition(entity: string): AnyImport | undefined {
  return IMPORTS.get(entity);
}

export function importableEntities(): AnyImport[] {
  return [...IMPORTS.values()];
}
