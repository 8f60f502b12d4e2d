/**
 * QR codes as inline SVG, for printable posters (村务公开栏, 公示 notices) that send villagers
 * to the public page of their village.
 *
 * Encoding is done by `uqr` (unjs, MIT, zero dependencies, ~27 KB unminified ESM, runs in any
 * runtime); the SVG is drawn here so it is compact (one path, horizontal runs merged),
 * crisp when printed (`shape-rendering="crispEdges"`) and self-contained (no external
 * references, no scripts), safe to inline into server-rendered HTML.
 */

import { encode } from "uqr";

export interface QrSvgOptions {
  /**
   * Error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the symbol may be damaged. Default
   * "M": posters get scuffed and rained on, and URLs stay short enough for small symbols.
   */
  ecc?: "L" | "M" | "Q" | "H";
  /** Quiet zone in modules; the QR standard asks for 4 so phones find the code. */
  border?: number;
  /** Rendered width and height in CSS units (e.g. 240 or "4cm"); omit to scale with CSS. */
  size?: number | string;
  /** Accessible name, e.g. "扫码查看本村公示"; also shown as a tooltip. */
  title?: string;
  /** Dark module colour (default black; print in black for contrast). */
  color?: string;
  /** Background colour (default white; a transparent background breaks on dark paper). */
  background?: string;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The QR code of `text` as an `<svg>` string. The same input and options always give the
 * same output (fixed mask selection), so pages can be cached and snapshot-tested.
 * @throws Error when the text is empty or too long for a QR code.
 */
export function qrSvg(text: string, opts: QrSvgOptions = {}): string {
  if (!text) throw new Error("QR code text is empty");
  const border = opts.border ?? 4;
  if (!Number.isInteger(border) || border < 0 || border > 16) throw new RangeError("border must be 0–16 modules");

  // uqr encodes strings through encodeURI, which throws on lone surrogates; give it UTF-8
  // bytes for anything non-ASCII (TextEncoder replaces lone surrogates with U+FFFD). ASCII
  // stays a string so uqr can pick the denser numeric/alphanumeric modes.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: "all ASCII" includes the control range
  const data = /^[\x00-\x7f]*$/.test(text) ? text : Array.from(new TextEncoder().encode(text));
  let qr: ReturnType<typeof encode>;
  try {
    qr = encode(data, { ecc: opts.ecc ?? "M", border });
  } catch (e) {
    throw new Error(`cannot encode QR code: ${e instanceof Error ? e.message : String(e)}`);
  }

  const n = qr.size;
  let d = "";
  for (let y = 0; y < n; y++) {
    const row = qr.data[y]!;
    for (let x = 0; x < n; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let end = x + 1;
      while (end < n && row[end]) end++;
      d += `M${x} ${y}h${end - x}v1h${x - end}z`;
      x = end;
    }
  }

  const size =
    opts.size === undefined ? "" : ` width="${escapeXml(String(opts.size))}" height="${escapeXml(String(opts.size))}"`;
  const title = opts.title ? `<title>${escapeXml(opts.title)}</title>` : "";
  const role = opts.title ? ` role="img" aria-label="${escapeXml(opts.title)}"` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}"${size}${role} shape-rendering="crispEdges">` +
    title +
    `<rect width="${n}" height="${n}" fill="${escapeXml(opts.background ?? "#fff")}"/>` +
    `<path d="${d}" fill="${escapeXml(opts.color ?? "#000")}"/>` +
    `</svg>`
  );
}
