import { describe, expect, it } from "vitest";
import { newTrackingCode, normaliseTrackingCode, TRACKING_CODE_LENGTH } from "../../workers/lib/tracking-code.ts";

describe("tracking codes a villager reads off a phone and types back", () => {
  it("are 10 symbols without 0, O, 1 or I", () => {
    const codes = Array.from({ length: 200 }, newTrackingCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[2-9A-HJ-NP-Z]{${TRACKING_CODE_LENGTH}}$`));
  });

  it("do not repeat", () => {
    const codes = new Set(Array.from({ length: 1000 }, newTrackingCode));
    expect(codes.size).toBe(1000);
  });

  it("ignore case, spaces and dashes when typed back", () => {
    expect(normaliseTrackingCode(" ab3d-ef45 gh ")).toBe("AB3DEF45GH");
  });
});
