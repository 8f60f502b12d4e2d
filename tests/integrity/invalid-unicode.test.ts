import { describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { api, call, ORIGIN, postForm } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { township, village } from "../helpers/fixtures.ts";
import { csrfOf } from "../helpers/html.ts";

const T = "pingchuan";

interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe("invalid Unicode is refused at the edge, text is NFC", () => {
  it("JSON API: a lone surrogate in any string field is a 400 naming the field; nothing is stored", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    const res = await api(T, "/villages", { token: admin.token, json: { code: `${t}301`, name: "\ud800组x" } });
    expect(res.status).toBe(400);
    const p = (await res.json()) as Problem;
    expect(p.code).toBe("validation_failed");
    expect(p.errors).toEqual([{ field: "name", message: expect.stringContaining("无效字符") }]);
    const low = await api(T, "/villages", { token: admin.token, json: { code: `${t}302`, name: "组\udc00" } });
    expect(low.status).toBe(400);
    const nested = await api(T, "/villages", {
      token: admin.token,
      json: { code: `${t}303`, name: "正常村", tags: ["\udbff"] },
    });
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as Problem).errors![0]!.field).toBe("tags.0");
    const stored = await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM villages WHERE code IN (?, ?, ?)")
      .bind(`${t}301`, `${t}302`, `${t}303`)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
    // A well-formed pair (an emoji) is fine.
    expect(
      (await api(T, "/villages", { token: admin.token, json: { code: `${t}304`, name: "笑脸😀村" } })).status,
    ).toBe(201);
  });

  it("JSON API: names are NFC-normalised, so the same name typed two ways is one name (409)", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await village(T, await township(T));
    const first = await api(T, `/villages/${v.code}/groups`, { token: admin.token, json: { name: "Cafe\u0301组" } });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { name: string }).name).toBe("Caf\u00e9组");
    const second = await api(T, `/villages/${v.code}/groups`, { token: admin.token, json: { name: "Caf\u00e9组" } });
    expect(second.status).toBe(409);
  });

  it("query strings: bytes that are not UTF-8 are a 400", async () => {
    const admin = await signIn(T, "county_admin");
    const res = await SELF.fetch(`${ORIGIN}/t/${T}/api/v1/villages?q=%ED%A0%80x`, {
      headers: { Authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors![0]!.field).toBe("q");
  });

  it("admin form: a lone surrogate (sent as U+FFFD by the browser) or invalid bytes are a 400 page in Chinese", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    const page = await call(`/t/${T}/admin/villages/new`, { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const csrf = csrfOf(await page.text());
    const res = await postForm(
      `/t/${T}/admin/villages`,
      { _csrf: csrf, code: `${t}311`, name: "\ud800组x" },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("无效字符");
    const raw = await SELF.fetch(`${ORIGIN}/t/${T}/admin/villages`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: admin.cookie },
      body: `_csrf=${encodeURIComponent(csrf)}&code=${t}312&name=%ED%A0%80%E7%BB%84x`,
      redirect: "manual",
    });
    expect(raw.status).toBe(400);
    const stored = await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM villages WHERE code IN (?, ?)")
      .bind(`${t}311`, `${t}312`)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it("public form (意见建议): invalid text is a 400, nothing stored", async () => {
    const v = await village(T, await township(T));
    const before = await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>();
    const res = await postForm(`/t/${T}/feedback`, {
      villageCode: v.code,
      category: "suggestion",
      text: "村口道路\ud800需要路灯",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("无效字符");
    const after = await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM feedback").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });
});
