import { describe, expect, it } from "vitest";
import { splitUtf8, storageOf, utf8Length } from "../../workers/lib/chunks.ts";

describe("splitUtf8 (pieces of a value too large for one D1 row)", () => {
  it("keeps text within the limit whole, and storageOf stores it inline", () => {
    expect(splitUtf8("公示", 6)).toEqual(["公示"]);
    expect(storageOf("公示", 6)).toEqual({ inline: "公示", chunks: [] });
  });

  it("cuts only between characters: pieces fit the limit and join back exactly (ASCII, CJK, emoji, BOM)", () => {
    const text = `${"\uFEFFa公示😀b".repeat(50)}\uFEFF末`;
    for (const max of [4, 5, 6, 7, 13, 100]) {
      const pieces = splitUtf8(text, max);
      expect(pieces.join("")).toBe(text);
      for (const p of pieces) {
        expect(utf8Length(p)).toBeLessThanOrEqual(max);
        expect(p.length).toBeGreaterThan(0);
        expect(p).not.toContain("\uFFFD");
      }
    }
    const s = storageOf(text, 7);
    expect(s.inline).toBe("");
    expect(s.chunks.join("")).toBe(text);
  });
});
