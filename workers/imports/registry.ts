import type { AnyImport } from "./definition.ts";
import { villagesImport } from "../places/villages-import.ts";
import { householdsImport } from "../households/households-import.ts";
import { unitsImport } from "../units/units-import.ts";
import { cadresImport } from "../cadres/cadres-import.ts";
import { pairingsImport } from "../pairings/pairings-import.ts";
import { batchLinesImport } from "../batches/lines-import.ts";

/** Every importable entity, by the name used in URLs (`/imports/:entity`). */
const IMPORTS: Record<string, AnyImport> = {
  villages: villagesImport,
  households: householdsImport,
  units: unitsImport,
  cadres: cadresImport,
  pairings: pairingsImport,
  /** Targeted: staged as "batch_lines:<batchId>", uploaded through POST /batches/{id}/lines/import. */
  batch_lines: batchLinesImport,
};

export function importDefinition(entity: string): AnyImport | undefined {
  return Object.hasOwn(IMPORTS, entity) ? IMPORTS[entity] : undefined;
}

export function importableEntities(): AnyImport[] {
  return Object.values(IMPORTS);
}
