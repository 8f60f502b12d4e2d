import { describe, it, expect } from "vitest";
import { qrSvg } from "../../workers/lib/qr.ts";

const URL_ = "https://bangfu.example.cn/t/longquanyi/v/510112001001";

/** Dark modules as a grid, recovered from the path (each run is "M x y h w v1 h-w z"). */
function modules(svg: string): { size: number; dark: Set<string> } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const d = /<path d="([^"]*)"/.exec(svg)![1]!;
  const dark = new Set<string>();
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(m[3]); i++) dark.add(`${Number(m[1]) + i},${m[2]}`);
  }
  return { size, dark };
}

describe("qrSvg", () => {
  it("returns a self-contained SVG document", () => {
    const svg = qrSvg(URL_);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).not.toMatch(/href|<script|<image|url\(/i);
    expect(svg).toContain('shape-rendering="crispEdges"');
  });

  it("is deterministic", () => {
    expect(qrSvg(URL_)).toBe(qrSvg(URL_));
    expect(qrSvg("村务公开", { ecc: "H" })).toBe(qrSvg("村务公开", { ecc: "H" }));
    expect(qrSvg(URL_)).not.toBe(qrSvg(`${URL_}2`));
  });

  it("draws finder patterns inside a 4-module quiet zone", () => {
    const { size, dark } = modules(qrSvg("HELLO"));
    expect(size).toBe(21 + 8); // version 1 plus the quiet zone
    const b = 4;
    for (let i = 0; i < size; i++) {
      for (const [x, y] of [
        [i, 0],
        [0, i],
        [i, size - 1],
        [size - 1, i],
        [i, b - 1],
        [b - 1, i],
      ] as const) {
        expect(dark.has(`${x},${y}`)).toBe(false);
      }
    }
    // Top-left finder: 7x7 dark ring, light ring, 3x3 dark core.
    for (let i = 0; i < 7; i++) {
      expect(dark.has(`${b + i},${b}`)).toBe(true);
      expect(dark.has(`${b},${b + i}`)).toBe(true);
      expect(dark.has(`${b + i},${b + 6}`)).toBe(true);
    }
    expect(dark.has(`${b + 1},${b + 1}`)).toBe(false);
    expect(dark.has(`${b + 3},${b + 3}`)).toBe(true);
  });

  it("grows with the error correction level and the text", () => {
    const l = modules(qrSvg(URL_, { ecc: "L" })).size;
    const h = modules(qrSvg(URL_, { ecc: "H" })).size;
    expect(h).toBeGreaterThan(l);
    expect(modules(qrSvg(URL_.repeat(4))).size).toBeGreaterThan(modules(qrSvg(URL_)).size);
  });

  it("applies size, colours, border and an escaped accessible title", () => {
    const svg = qrSvg(URL_, { size: "4cm", title: "扫码查看<本村>公示", color: "#123", background: "#fff", border: 2 });
    expect(svg).toContain('width="4cm" height="4cm"');
    expect(svg).toContain("<title>扫码查看&#60;本村&#62;公示</title>");
    expect(svg).toContain('role="img" aria-label="扫码查看&#60;本村&#62;公示"');
    expect(svg).toContain('fill="#123"');
    expect(modules(svg).size - modules(qrSvg(URL_)).size).toBe(-4);
    expect(qrSvg(URL_, { color: '"/><script>' })).not.toContain("<script>");
  });

  it("encodes Chinese text and lone surrogates without throwing", () => {
    expect(qrSvg("龙泉驿区村务公开 𠮷")).toContain("<path");
    expect(qrSvg("bad \ud800 surrogate")).toContain("<path");
  });

  it("rejects empty or oversized text and bad borders", () => {
    expect(() => qrSvg("")).toThrow("empty");
    expect(() => qrSvg("x".repeat(8000))).toThrow("cannot encode QR code");
    expect(() => qrSvg("x", { border: -1 })).toThrow(RangeError);
  });
});
