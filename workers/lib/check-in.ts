import { distanceMetres } from "./geo.ts";

/** A check-in farther than this from the village's registered location is flagged (a village spans a few km). */
export const FAR_METRES = 3000;

/**
 * 上午 before 12:00 Beijing time, 下午 from 12:00 (China has one fixed offset, UTC+8).
 * @example slotOfUnix(Date.UTC(2026, 0, 5, 3, 59) / 1000) // "morning" (11:59 in Beijing)
 */
export function slotOfUnix(seconds: number): "morning" | "evening" {
  const hour = Math.floor(((((seconds + 8 * 3600) % 86_400) + 86_400) % 86_400) / 3600);
  return hour < 12 ? "morning" : "evening";
}

export interface CheckInPlace {
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
}

/**
 * Distance to the village and the flag a check-in gets: no location from the phone, a village
 * without a registered location, or farther than FAR_METRES beyond the phone's own uncertainty.
 */
export function placeCheck(
  at: CheckInPlace,
  village: { latitude: number | null; longitude: number | null },
): { distanceM: number | null; flag: "far" | "no_location" | "village_unlocated" | null } {
  if (at.latitude == null || at.longitude == null) return { distanceM: null, flag: "no_location" };
  if (village.latitude == null || village.longitude == null) return { distanceM: null, flag: "village_unlocated" };
  const d = Math.round(distanceMetres(at.latitude, at.longitude, village.latitude, village.longitude));
  return { distanceM: d, flag: d - (at.accuracyM ?? 0) > FAR_METRES ? "far" : null };
}
