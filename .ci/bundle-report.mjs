// Prints the Worker bundle's composition from esbuild's metafile (wrangler deploy --dry-run
// --metafile): the biggest input modules and packages by bytes in the output, so a growing
// dependency shows up in CI next to the bundle size.
import { readFileSync } from "node:fs";

const meta = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byModule = new Map();
for (const output of Object.values(meta.outputs)) {
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
    byModule.set(path, (byModule.get(path) ?? 0) + bytesInOutput);
  }
}
const packageOf = (path) => {
  const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return m ? m[1] : path.split("/").slice(0, 2).join("/");
};
const byPackage = new Map();
for (const [path, bytes] of byModule) byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + bytes);
const total = [...byModule.values()].reduce((a, b) => a + b, 0);
const kib = (n) => `${(n / 1024).toFixed(1).padStart(7)} KiB`;
const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`Bundle composition (${kib(total).trim()} of module code before minification):`);
console.log("  by package or top folder:");
for (const [name, bytes] of top(byPackage, 10))
  console.log(`  ${kib(bytes)}  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${name}`);
console.log("  biggest modules:");
for (const [name, bytes] of top(byModule, 10)) console.log(`  ${kib(bytes)}  ${name}`);
