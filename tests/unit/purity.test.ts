import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']/g)].map(
    (m) => m[1]!,
  );

/**
 * The unit project runs in plain Node: what it tests must be pure (workers/lib, and the display
 * formatting in web/components/format.ts), and workers/lib must need nothing of the Worker, the
 * database or the web layer.
 */
describe("unit tests stay on pure code", () => {
  const testFiles = readdirSync(dir(".")).filter((f) => f.endsWith(".ts"));

  it.each(testFiles)("%s imports only vitest, node: built-ins and pure code", (file) => {
    const outside = importsOf(dir(`./${file}`)).filter(
      (spec) =>
        spec !== "vitest" &&
        !spec.startsWith("node:") &&
        !spec.startsWith("../../workers/lib/") &&
        spec !== "../../web/components/format.ts",
    );
    expect(outside).toEqual([]);
  });

  const libFiles = readdirSync(dir("../../workers/lib")).filter((f) => /\.tsx?$/.test(f));
  it.each(libFiles)("workers/lib/%s imports only workers/lib and plain libraries", (file) => {
    const outside = importsOf(dir(`../../workers/lib/${file}`)).filter(
      (spec) => !spec.startsWith("./") && !["zod", "uqr"].includes(spec) && !spec.startsWith("zod/"),
    );
    expect(outside).toEqual([]);
  });
});
