import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { TENANT_DB } from "../helpers/users.ts";
import { adminOf, paidBatch, publicVillage } from "./fixtures.ts";

const T = "longquanyi";
const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

/** Hashes and hex ids are not personal data but may contain digit runs; drop them before scanning. */
const withoutHex = (s: string) => s.replace(/(?<![0-9a-z])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9a-z])/g, "#");

describe("privacy: no public response carries personal data whole", () => {
  it("crawls every public page reachable from the tenant home (and the public APIs) and finds no ID number, phone or household full name", async () => {
    const v = await publicVillage(T, 6);
    const admin = await adminOf(T);
    await paidBatch(T, admin, v.households.slice(0, 4), 100_000);
    const { noticeId } = await paidBatch(T, admin, v.households.slice(4), 20_000, { pay: false });
    // villagers type personal data into free text; it must come out masked
    const ob = await postForm(`/t/${T}/notices/${noticeId}/objections`, {
      text: `第 1 条的身份证 ${v.households[0]!.idNumber}，电话 ${v.households[0]!.phone}`,
      contact: v.households[1]!.phone,
    });
    expect(ob.status).toBe(303);
    const trackingCode = new URL(ob.headers.get("location")!, "https://x").searchParams.get("code")!;
    // officers reply in free text too, and the reply is public (page, JSON, ledger)
    const objection = await TENANT_DB[T]!.prepare("SELECT id FROM objections WHERE tracking_code = ?")
      .bind(trackingCode)
      .first<{ id: number }>();
    const answered = await api(T, `/objections/${objection!.id}/answer`, {
      token: admin.token,
      json: {
        decision: "rejected",
        reply: `经核实，该户（身份证 ${v.households[3]!.idNumber}，电话 ${v.households[3]!.phone}）符合条件`,
      },
    });
    expect(answered.status, await answered.clone().text()).toBe(200);
    const fb = await postForm(`/t/${T}/feedback`, {
      villageCode: v.villageCode,
      category: "report",
      text: `举报：${v.households[2]!.name} 电话 ${v.households[2]!.phone} 身份证 ${v.households[2]!.idNumber}`,
      contact: v.households[2]!.phone,
    });
    expect(fb.status).toBe(303);

    const start = [
      `/t/${T}/`,
      `/t/${T}/v/${v.villageCode}`,
      `/t/${T}/notices/${noticeId}`,
      `/t/${T}/track?code=${trackingCode}`,
      // the public JSON APIs carry the same free texts as the pages
      `/t/${T}/api/v1/public/notices/${noticeId}`,
      `/t/${T}/api/v1/public/objections/${trackingCode}`,
      `/t/${T}/api/v1/ledger/export`,
      `/t/${T}/api/v1/ledger?after=0&limit=1000`,
      `/t/${T}/open-data`,
    ];
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length && seen.size < 600) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await call(path);
      expect(res.status, path).toBe(200);
      const body = withoutHex(await res.text());
      expect(body.match(ID_RE)?.[0], `${path}: ID number`).toBeUndefined();
      expect(body.match(PHONE_RE)?.[0], `${path}: phone`).toBeUndefined();
      expect(
        v.households.map((h) => h.name).filter((name) => body.includes(name)),
        `${path}: full names`,
      ).toEqual([]);
      for (const m of body.matchAll(/href="(\/t\/longquanyi\/[^"#]*)/g)) {
        const link = m[1]!.replace(/&amp;/g, "&");
        if (link.includes("/admin") || seen.has(link)) continue;
        if (link.includes("/api/") && !link.includes("/api/v1/public/") && !link.includes("/api/v1/ledger")) continue;
        // stay inside this test's data: other villages of the shared test database are fine but not needed
        if (link.includes("/v/") && !link.includes(v.villageCode)) continue;
        if (link.includes("/townships/") && !link.includes(v.townshipCode)) continue;
        if (link.includes("/notices/") && !link.includes(`/notices/${noticeId}`) && seen.size > 200) continue;
        queue.push(link);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  }, 120_000); // hundreds of pages: a shared machine needs more than the default 5 s
});
