import type { PairingKind } from "../../db/schema/tenant/pairings.ts";
import type { UNIT_KINDS } from "../../db/schema/tenant/people.ts";

export type SideField = "helperUnitId" | "helperCadreId" | "helperVillageId" | "villageId" | "householdId";
export const SIDE_FIELDS: readonly SideField[] = [
  "helperUnitId",
  "helperCadreId",
  "helperVillageId",
  "villageId",
  "householdId",
];

/**
 * Which side columns each kind uses (the same rule as the `pairings_sides` CHECK in
 * db/schema/tenant/pairings.ts; the CHECK is the last line of defence, this gives field messages).
 */
export const PAIRING_SIDES: Record<
  PairingKind,
  { helper: SideField; helped: SideField; unitKinds?: readonly (typeof UNIT_KINDS)[number][] }
> = {
  unit_village: { helper: "helperUnitId", helped: "villageId" },
  cadre_household: { helper: "helperCadreId", helped: "householdId" },
  village_village: { helper: "helperVillageId", helped: "villageId" },
  branch_branch: { helper: "helperUnitId", helped: "villageId" },
  enterprise_village: {
    helper: "helperUnitId",
    helped: "villageId",
    unitKinds: ["state_enterprise", "private_enterprise"],
  },
  leader_village: { helper: "helperCadreId", helped: "villageId" },
};

/** A household of these statuses is still poor: its cadre pairing only ends by handover (不脱贫不脱钩). */
export const STILL_POOR = ["poor", "monitored"] as const;

/**
 * A village with these tags is a poor village: its unit↔village pairing (单位包村) ends only by
 * handover to another unit, as a poor household's cadre pairing does (不脱贫不脱钩, seed 000).
 */
export const POOR_VILLAGE_TAGS = ["poor", "deeply_poor"] as const;

/**
 * 强村带弱村 (seed 004): the helper must be a strong village, so none of these tags, and a weak
 * village has at most one active strong-village helper ("一强带一弱").
 */
export const NOT_A_STRONG_VILLAGE = ["poor", "deeply_poor", "weak_party_org", "no_collective_income"] as const;

export const hasAnyTag = (tags: readonly string[] | null | undefined, of: readonly string[]) =>
  (tags ?? []).some((t) => of.includes(t));
