import { fnv1a } from "../../workers/lib/fnv.ts";
import { ADMIN_CSS } from "./admin.css.ts";

/** Stylesheets are versioned by content (FNV-1a) in their URL, so they can be cached for a year. */
export const ADMIN_CSS_VERSION = fnv1a(ADMIN_CSS);
/** The admin stylesheet's URL, served by workers/platform/static.ts. */
export const adminCssHref = `/static/admin.css?v=${ADMIN_CSS_VERSION}`;
