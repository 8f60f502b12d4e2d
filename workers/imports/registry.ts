import type { AnyImport } from "./definition.ts";
import { villagesImport } from "../places/villages-import.ts";
import { unitsImport } from "../units/units-import.ts";
import { cadresImport } from "../cadres/cadres-import.ts";

/** Every importable entity, by the name used in URLs (`/imports/:entity`). */
const IMPORTS: Record<string, AnyImport> = {
  villages: villagesImport,
  units: unitsImport,
  cadres: cadresImport,
};

export function importDefinition(entity: string): AnyImport | undefined {
  return Object.hasOwn(IMPORTS, entity) ? IMPORTS[entity] : undefined;
}

export function importableEntities(): AnyImport[] {
  return Object.values(IMPORTS);
}
