import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { freshIdNumber, township, village } from "../helpers/fixtures.ts";

const T = "longquanyi";

interface Problem {
  code: string;
  detail: string;
}

describe("a ciphertext that cannot be decrypted", () => {
  it("answers a clear problem naming the household on reveal and on an edit that needs it; lists, details and other edits keep working", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await village(T, await township(T));
    const created = await api(T, "/households", {
      token: admin.token,
      json: { headName: "钱解密", idNumber: freshIdNumber(T), phone: "13912345678", villageCode: v.code },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    // Corrupt the stored ID number: one character of the ciphertext changed, as a damaged row would be.
    const db = TENANT_DB[T]!;
    const enc = await db
      .prepare("SELECT id_number_enc AS e FROM households WHERE id = ?")
      .bind(id)
      .first<{ e: string }>();
    const last = enc!.e.slice(-2, -1) === "A" ? "B" : "A";
    await db
      .prepare("UPDATE households SET id_number_enc = ? WHERE id = ?")
      .bind(`${enc!.e.slice(0, -2)}${last}${enc!.e.slice(-1)}`, id)
      .run();

    const reveal = await api(T, `/households/${id}/reveal`, {
      method: "POST",
      token: admin.token,
      json: { reason: "核对身份" },
    });
    expect(reveal.status).toBe(422);
    expect(reveal.headers.get("content-type")).toContain("application/problem+json");
    const p = (await reveal.json()) as Problem;
    expect(p.code).toBe("pii_unreadable");
    expect(p.detail).toContain(`农户 #${id} 的身份证号无法解密`);

    // An edit that must re-derive from the ID number (new head name) gets the same clear problem …
    const rename = await api(T, `/households/${id}`, {
      method: "PATCH",
      token: admin.token,
      json: { headName: "钱新名" },
    });
    expect(rename.status).toBe(422);
    expect(((await rename.json()) as Problem).detail).toContain(`农户 #${id}`);
    // … an edit that does not need it works, and so does re-entering the ID number (which repairs the row).
    const notes = await api(T, `/households/${id}`, { method: "PATCH", token: admin.token, json: { notes: "核对中" } });
    expect(notes.status, await notes.clone().text()).toBe(200);
    const fix = await api(T, `/households/${id}`, {
      method: "PATCH",
      token: admin.token,
      json: { idNumber: freshIdNumber(T) },
    });
    expect(fix.status, await fix.clone().text()).toBe(200);
    expect(
      (await api(T, `/households/${id}/reveal`, { method: "POST", token: admin.token, json: { reason: "核对身份" } }))
        .status,
    ).toBe(200);
  });

  it("keeps list and detail pages (API and admin UI) working while the value is unreadable", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await village(T, await township(T));
    const created = await api(T, "/households", {
      token: admin.token,
      json: { headName: "孙列表", idNumber: freshIdNumber(T), villageCode: v.code },
    });
    const { id } = (await created.json()) as { id: number };
    await TENANT_DB[T]!.prepare(
      "UPDATE households SET id_number_enc = 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==' WHERE id = ?",
    )
      .bind(id)
      .run();
    expect((await api(T, `/households/${id}`, { token: admin.token })).status).toBe(200);
    expect((await api(T, `/households?villageCode=${v.code}`, { token: admin.token })).status).toBe(200);
    const headers = { Cookie: admin.cookie };
    expect((await call(`/t/${T}/admin/households`, { headers })).status).toBe(200);
    expect((await call(`/t/${T}/admin/households/${id}`, { headers })).status).toBe(200);
    expect((await call(`/t/${T}/admin/households/${id}/edit`, { headers })).status).toBe(200);
  });

  it("names the cadre when a cadre's phone cannot be decrypted", async () => {
    const admin = await signIn(T, "county_admin");
    const row = await TENANT_DB[T]!.prepare(
      "INSERT INTO units (name, kind, level) VALUES ('解密测试单位', 'party_government', 'county') RETURNING id",
    ).first<{ id: number }>();
    const cadre = await TENANT_DB[T]!.prepare(
      "INSERT INTO cadres (name, unit_id, phone_enc) VALUES ('赵解密', ?, 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==') RETURNING id",
    )
      .bind(row!.id)
      .first<{ id: number }>();
    const res = await api(T, `/cadres/${cadre!.id}/reveal-phone`, {
      method: "POST",
      token: admin.token,
      json: { reason: "核对电话" },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).detail).toContain(`干部 #${cadre!.id} 的手机号无法解密`);
    expect((await api(T, `/cadres/${cadre!.id}`, { token: admin.token })).status).toBe(200);
    expect((await call(`/t/${T}/admin/cadres/${cadre!.id}`, { headers: { Cookie: admin.cookie } })).status).toBe(200);
  });
});
