import { describe, expect, it } from "vitest";
import { SEED_MODULES } from "../../db/seed/index.ts";
import { AUDIT_VALUE_LABELS } from "../../web/i18n/zh-CN.ts";

/**
 * Each demo seed module signs one audit entry ("写入演示数据", module: <name>), and the audit
 * log shows the module by its zh-CN name: a new module without one shows English on the page.
 */
describe("demo seed modules in the audit log", () => {
  it("every module has a zh-CN name", () => {
    expect(SEED_MODULES.map((m) => m.name).filter((name) => !AUDIT_VALUE_LABELS[name])).toEqual([]);
  });
});
