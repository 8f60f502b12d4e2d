// `prestart` / `pretest`: on a fresh clone, install the locked dependencies first, so that
// `npm start` and `npm test` work without a separate `npm install`. Plain Node, no dependencies.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const installed = [
  "node_modules/.package-lock.json",
  "node_modules/.bin/tsx",
  "node_modules/.bin/wrangler",
  "node_modules/.bin/vitest",
].every((p) => existsSync(join(root, p)));
if (!installed) {
  const lock = existsSync(join(root, "package-lock.json"));
  console.log(`Dependencies are not installed yet: running npm ${lock ? "ci" : "install"}…`);
  const npm = /npm-cli\.js$/.test(process.env.npm_execpath ?? "") ? process.env.npm_execpath : undefined;
  const args = [lock ? "ci" : "install", "--no-audit", "--no-fund"];
  const r = npm
    ? spawnSync(process.execPath, [npm, ...args], { cwd: root, stdio: "inherit" })
    : spawnSync("npm", args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
