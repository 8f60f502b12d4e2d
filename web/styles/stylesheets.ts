import { fnv1a } from "../../workers/lib/fnv.ts";
import { ADMIN_CSS } from "./admin.css.ts";
import { PICKER_JS } from "../scripts/picker.js.ts";

/** Stylesheets are versioned by content (FNV-1a) in their URL, so they can be cached for a year. */
export const ADMIN_CSS_VERSION = fnv1a(ADMIN_CSS);
/** The admin stylesheet's URL, served by workers/platform/static.ts. */
export const adminCssHref = `/static/admin.css?v=${ADMIN_CSS_VERSION}`;

export const PICKER_JS_VERSION = fnv1a(PICKER_JS);
/** The pickers' script URL (web/scripts/picker.js.ts), served by workers/platform/static.ts. */
export const pickerJsHref = `/static/picker.js?v=${PICKER_JS_VERSION}`;
