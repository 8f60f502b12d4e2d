import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../workers/lib/canonical-json.ts";

/** The definition: every object rebuilt with its keys sorted, then JSON.stringify. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort())
        if ((v as Record<string, unknown>)[k] !== undefined) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

describe("canonicalJson", () => {
  it("equals sorting every object's keys, whether or not the input is already in key order", () => {
    const cases: unknown[] = [
      { b: 1, a: 2 },
      { a: 1, b: { d: [3, { z: 1, y: null }], c: "x" } },
      [
        { amountFen: 1, no: 1, purpose: "p", recipient: "张*", village: null },
        { no: 2, amountFen: 2 },
      ],
      { a: undefined, b: 1 },
      { "10": "x", "9": "y", a: 1 },
      Object.assign(Object.create(null), { b: 1, a: 1 }),
      { when: new Date(0), list: [] },
      "text",
      42,
      null,
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(reference(c));
  });

  it("does not copy lines already in key order (a 100,000-line notice)", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({
      amountFen: i,
      no: i + 1,
      purpose: "驻村补助",
      recipient: "张*",
      village: null,
    }));
    expect(canonicalJson({ lines })).toBe(reference({ lines }));
  });
});
