import { ADMIN_CSS } from "./admin.css.ts";
import { PICKER_JS } from "../scripts/picker.js.ts";

/** Stylesheets are versioned by content (FNV-1a) in their URL, so they can be cached for a year. */
function version(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export const ADMIN_CSS_VERSION = version(ADMIN_CSS);
/** The admin stylesheet's URL, served by workers/platform/static.ts. */
export const adminCssHref = `/static/admin.css?v=${ADMIN_CSS_VERSION}`;

export const PICKER_JS_VERSION = version(PICKER_JS);
/** The pickers' script URL (web/scripts/picker.js.ts), served by workers/platform/static.ts. */
export const pickerJsHref = `/static/picker.js?v=${PICKER_JS_VERSION}`;
