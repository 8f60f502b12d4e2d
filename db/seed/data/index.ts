import type { DemoTenantData } from "./types.ts";
import { longquanyi } from "./longquanyi.ts";
import { pingchuan } from "./pingchuan.ts";
import { dazhou } from "./dazhou.ts";

export type * from "./types.ts";
export { longquanyi, pingchuan, dazhou };
export { mulberry32, seedFromString, personName, pick, weightedPick, intBetween, birthYearForAge } from "./names.ts";

/** The three demo tenants, in the order of tests/setup (longquanyi, pingchuan, dazhou). */
export const DEMO_TENANTS: DemoTenantData[] = [longquanyi, pingchuan, dazhou];
