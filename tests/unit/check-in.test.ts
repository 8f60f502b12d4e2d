import { describe, expect, it } from "vitest";
import { distanceMetres } from "../../workers/lib/geo.ts";
import { FAR_METRES, placeCheck, slotOfUnix } from "../../workers/lib/check-in.ts";
import { formatDistance } from "../../web/components/format.ts";

describe("distanceMetres", () => {
  it("is about 111.2 km per degree of latitude and 0 for the same point", () => {
    expect(Math.round(distanceMetres(30, 104, 31, 104) / 100)).toBe(1112);
    expect(distanceMetres(30.5, 104.2, 30.5, 104.2)).toBe(0);
    // One degree of longitude shrinks with latitude: cos(60°) = 0.5.
    expect(Math.round(distanceMetres(60, 10, 60, 11) / 1000)).toBe(56);
  });
});

describe("slotOfUnix", () => {
  it("splits the Beijing day at noon", () => {
    expect(slotOfUnix(Date.UTC(2026, 0, 5, 3, 59) / 1000)).toBe("morning"); // 11:59 Beijing
    expect(slotOfUnix(Date.UTC(2026, 0, 5, 4, 0) / 1000)).toBe("evening"); // 12:00
    expect(slotOfUnix(Date.UTC(2026, 0, 4, 16, 0) / 1000)).toBe("morning"); // 00:00 on the 5th
    expect(slotOfUnix(Date.UTC(2026, 0, 4, 15, 59) / 1000)).toBe("evening"); // 23:59 on the 4th
  });
});

describe("placeCheck", () => {
  const village = { latitude: 30, longitude: 104 };
  it("flags what has no location, a village without one, and a check-in far beyond the phone's accuracy", () => {
    expect(placeCheck({ latitude: null, longitude: null, accuracyM: null }, village)).toEqual({
      distanceM: null,
      flag: "no_location",
    });
    expect(placeCheck({ latitude: 30, longitude: 104, accuracyM: 5 }, { latitude: null, longitude: null })).toEqual({
      distanceM: null,
      flag: "village_unlocated",
    });
    expect(placeCheck({ latitude: 30.01, longitude: 104, accuracyM: 10 }, village).flag).toBeNull();
    expect(placeCheck({ latitude: 30.1, longitude: 104, accuracyM: 10 }, village).flag).toBe("far");
    // 4.4 km away but the phone itself is only sure to 2 km: not (yet) far.
    const vague = placeCheck({ latitude: 30.04, longitude: 104, accuracyM: 2000 }, village);
    expect(vague.distanceM! - 2000).toBeLessThanOrEqual(FAR_METRES);
    expect(vague.flag).toBeNull();
  });
});

describe("formatDistance", () => {
  it("shows metres below a kilometre, else kilometres", () => {
    expect(formatDistance(350)).toBe("350 米");
    expect(formatDistance(5230)).toBe("5.2 公里");
    expect(formatDistance(null)).toBe("—");
  });
});
