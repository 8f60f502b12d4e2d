import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { TENANT_DB } from "../helpers/users.ts";
import { publicVillage } from "../public/fixtures.ts";
import { VERSION_TRUST_MS } from "../../workers/domain/public-version.ts";

const T = "longquanyi";

/**
 * A cache hit of a public page reads no version from D1 while the isolate trusts the one it read
 * (workers/domain/public-version.ts). A write through the app forgets it at once (the publish →
 * new page round trip is in tests/public/interactions.test.ts); a write this isolate did not make
 * — another isolate's, here a statement straight into the database — shows within VERSION_TRUST_MS.
 */
describe("public version trusted per isolate", () => {
  it("a publication this isolate did not see shows once the trust runs out", async () => {
    const v = await publicVillage(T, 1);
    const url = `/t/${T}/v/${v.villageCode}`;
    expect((await call(url)).status).toBe(200);
    expect((await call(url)).headers.get("x-cache")).toBe("HIT");
    // Another isolate renames the village: its trigger bumps the version in the same statement.
    await TENANT_DB[T]!.prepare("UPDATE villages SET name = ? WHERE id = ?").bind("改名村", v.villageId).run();
    await new Promise((r) => setTimeout(r, VERSION_TRUST_MS + 250));
    const after = await call(url);
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(await after.text()).toContain("改名村");
  });
});
