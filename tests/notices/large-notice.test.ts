import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { createBatch, createProgram, post, registryFixture, setBudget } from "../helpers/money-fixtures.ts";
import { commitImport, uploadCsv } from "../money-ui/fixtures.ts";
import { readNoticeContent } from "../../workers/notices/content.ts";
import { CHUNK_BYTES, utf8Length } from "../../workers/lib/chunks.ts";
import { canonicalJson } from "../../workers/lib/canonical-json.ts";
import { sha256Hex } from "../../workers/lib/bytes.ts";

const T = "pingchuan";
const LINES = 6_000;
/** D1 caps a row (any one string) at 2,000,000 bytes; local Miniflare does not enforce it. */
const D1_ROW_LIMIT = 2_000_000;

/** 80 characters (the most a purpose may have), unique per line: 第N行 + filler. */
const purposeOf = (i: number) => {
  const head = `第${i}行`;
  return head + "驻村工作补助含交通通讯生活补贴".repeat(8).slice(0, 80 - head.length);
};

interface NoticeRow {
  id: number;
  content: string;
  chunkCount: number;
  lineCount: number;
  contentHash: string;
  ledgerSeq: number;
}

/**
 * A real 6,000-line batch with the longest purposes: its snapshot is about 2 MB, more than one
 * D1 row may hold, so it must be stored in pieces and still read, verify and page as one.
 */
describe("a notice larger than a D1 row", () => {
  it("is imported from a staged file in pieces, published in pieces, read whole, verifies, pages, and its pieces are immutable", async () => {
    const finance = await signIn(T, "finance_officer");
    const { unitId } = await registryFixture(T);
    const db = TENANT_DB[T]!;
    await db
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
         INSERT INTO cadres (name, unit_id, phone_hash) SELECT '长名干部' || printf('%04d', i), ?2, 'big-' || ?2 || '-' || i FROM seq`,
      )
      .bind(LINES, unitId)
      .run();
    const cadreIds = (
      await db.prepare("SELECT id FROM cadres WHERE unit_id = ? ORDER BY id").bind(unitId).all<{ id: number }>()
    ).results.map((r) => r.id);
    expect(cadreIds).toHaveLength(LINES);

    const program = await createProgram(T, finance.token);
    await setBudget(T, finance.token, program.id, 2026, LINES * 50_000);
    const batchId = await createBatch(T, finance.token, program.id, "2026-11");

    // The staged upload (~1.5 MB, ~2 MB once encrypted) is itself too big for one row.
    const csv = ["干部编号,用途", ...cadreIds.map((id, i) => `${id},${purposeOf(i + 1)}`)].join("\r\n");
    const previewRes = await uploadCsv(T, finance.token, `/batches/${batchId}/lines/import`, csv);
    expect(previewRes.status, await previewRes.clone().text()).toBe(201);
    const preview = (await previewRes.json()) as { id: number; rowCount: number; errorCount: number };
    expect(preview).toMatchObject({ rowCount: LINES, errorCount: 0 });
    const staged = await db
      .prepare(
        "SELECT content, (SELECT count(*) FROM csv_import_chunks WHERE import_id = ?1) AS pieces, (SELECT max(length(CAST(text AS BLOB))) FROM csv_import_chunks WHERE import_id = ?1) AS largest FROM csv_imports WHERE id = ?1",
      )
      .bind(preview.id)
      .first<{ content: string; pieces: number; largest: number }>();
    expect(staged!.content).toBe("");
    expect(staged!.pieces).toBeGreaterThanOrEqual(2);
    expect(staged!.largest).toBeLessThanOrEqual(CHUNK_BYTES);
    const committed = await commitImport(T, finance.token, preview.id);
    expect(committed.status, await committed.clone().text()).toBe(200);
    expect(
      (await db
        .prepare("SELECT count(*) AS n FROM csv_import_chunks WHERE import_id = ?")
        .bind(preview.id)
        .first<{ n: number }>())!.n,
    ).toBe(0);

    const submit = await post(T, finance.token, `/batches/${batchId}/submit`);
    expect(submit.status, await submit.clone().text()).toBe(200);
    const { noticeId } = (await submit.json()) as { noticeId: number };

    // Stored in pieces: the row holds "", every piece fits well inside a row.
    const row = (await db
      .prepare(
        "SELECT id, content, chunk_count AS chunkCount, line_count AS lineCount, content_hash AS contentHash, ledger_seq AS ledgerSeq FROM notices WHERE id = ?",
      )
      .bind(noticeId)
      .first<NoticeRow>())!;
    expect(row.content).toBe("");
    expect(row.lineCount).toBe(LINES);
    const pieces = (
      await db
        .prepare(
          "SELECT chunk_no AS no, length(CAST(text AS BLOB)) AS bytes FROM notice_chunks WHERE notice_id = ? ORDER BY chunk_no",
        )
        .bind(noticeId)
        .all<{ no: number; bytes: number }>()
    ).results;
    expect(pieces.length).toBe(row.chunkCount);
    expect(pieces.map((p) => p.no)).toEqual([...Array(row.chunkCount).keys()]);
    for (const p of pieces) expect(p.bytes).toBeLessThanOrEqual(CHUNK_BYTES);

    // Read whole: the hash is that of the whole snapshot, which would not have fitted in one row.
    const content = await readNoticeContent(db, row);
    expect(utf8Length(content)).toBeGreaterThan(D1_ROW_LIMIT * 0.9);
    expect(pieces.reduce((s, p) => s + p.bytes, 0)).toBe(utf8Length(content));
    expect(await sha256Hex(content)).toBe(row.contentHash);
    const ledger = await db
      .prepare("SELECT content FROM ledger_entries WHERE seq = ?")
      .bind(row.ledgerSeq)
      .first<{ content: string }>();
    expect(JSON.parse(ledger!.content)).toMatchObject({ lineCount: LINES, noticeContentHash: row.contentHash });

    // The public API serves the whole snapshot; re-canonicalised it hashes to contentHash.
    const pub = await api(T, `/public/notices/${noticeId}`);
    expect(pub.status).toBe(200);
    const body = (await pub.json()) as { content: { lines: { no: number; purpose: string }[] }; contentHash: string };
    expect(body.content.lines).toHaveLength(LINES);
    expect(body.content.lines[LINES - 1]).toMatchObject({ no: LINES, purpose: purposeOf(LINES) });
    expect(await sha256Hex(canonicalJson(body.content))).toBe(body.contentHash);

    // The admin list counts the lines without reading the pieces.
    const list = (await (await api(T, `/notices?kind=batch&size=100`, { token: finance.token })).json()) as {
      items: { id: number; lineCount: number }[];
    };
    expect(list.items.find((n) => n.id === noticeId)?.lineCount).toBe(LINES);

    // The public page pages through all of it: 100 lines a page.
    const first = await (await call(`/t/${T}/notices/${noticeId}`)).text();
    expect(first).toContain(purposeOf(1));
    expect(first).not.toContain(purposeOf(LINES));
    const last = await (await call(`/t/${T}/notices/${noticeId}?page=${LINES / 100}`)).text();
    expect(last).toContain(purposeOf(LINES));
    expect(last).toContain(`id="l${LINES}"`);

    // Objections address any of the 6,000 lines, and no line beyond them.
    const ok = await api(T, `/public/notices/${noticeId}/objections`, {
      json: { lineNo: LINES, text: "最后一行的补助对象已调离" },
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const beyond = await api(T, `/public/notices/${noticeId}/objections`, {
      json: { lineNo: LINES + 1, text: "不存在的行" },
    });
    expect(beyond.status).toBe(400);

    // The pieces are as immutable as the row: no change, no deletion, no extra piece.
    await expect(
      db.prepare("UPDATE notice_chunks SET text = 'x' WHERE notice_id = ? AND chunk_no = 0").bind(noticeId).run(),
    ).rejects.toThrow(/notice_immutable/);
    await expect(db.prepare("DELETE FROM notice_chunks WHERE notice_id = ?").bind(noticeId).run()).rejects.toThrow(
      /notice_immutable/,
    );
    await expect(
      db
        .prepare("INSERT INTO notice_chunks (notice_id, chunk_no, text) VALUES (?, ?, 'x')")
        .bind(noticeId, row.chunkCount)
        .run(),
    ).rejects.toThrow(/notice_immutable/);
    await expect(
      db.prepare("UPDATE notices SET chunk_count = 0, content = ? WHERE id = ?").bind("{}", noticeId).run(),
    ).rejects.toThrow(/notice_immutable/);
    await expect(db.prepare("UPDATE notices SET line_count = 1 WHERE id = ?").bind(noticeId).run()).rejects.toThrow(
      /notice_immutable/,
    );
    expect(await sha256Hex(await readNoticeContent(db, row))).toBe(row.contentHash);
  }, 240_000);

  it("keeps a small notice in its row, its free texts scrubbed before they are hashed", async () => {
    const finance = await signIn(T, "finance_officer");
    const { unitId } = await registryFixture(T);
    const db = TENANT_DB[T]!;
    const cadre = await db
      .prepare("INSERT INTO cadres (name, unit_id, phone_hash) VALUES ('短名干部', ?, ?) RETURNING id")
      .bind(unitId, `small-${unitId}`)
      .first<{ id: number }>();
    const program = await createProgram(T, finance.token);
    await setBudget(T, finance.token, program.id, 2026, 50_000);
    const batchId = await createBatch(T, finance.token, program.id, "2026-10");
    expect(
      (
        await post(T, finance.token, `/batches/${batchId}/lines`, {
          recipientId: cadre!.id,
          purpose: "驻村补助（卡号 6222020402001234567，电话 13800138000，证件 51011219900101123X）",
        })
      ).status,
    ).toBe(201);
    const submit = await post(T, finance.token, `/batches/${batchId}/submit`);
    expect(submit.status, await submit.clone().text()).toBe(200);
    const { noticeId } = (await submit.json()) as { noticeId: number };
    const row = (await db
      .prepare(
        "SELECT id, content, chunk_count AS chunkCount, line_count AS lineCount, content_hash AS contentHash FROM notices WHERE id = ?",
      )
      .bind(noticeId)
      .first<NoticeRow>())!;
    expect(row).toMatchObject({ chunkCount: 0, lineCount: 1 });
    expect(await sha256Hex(row.content)).toBe(row.contentHash);
    // Officers type purposes; the snapshot (public, hashed, immutable) never holds the numbers whole.
    expect(row.content).toContain("驻村补助（卡号 ****4567，电话 138****8000，证件 5101**********123X）");
    expect(row.content).not.toMatch(/6222020402001234567|13800138000|51011219900101123X/);
    expect(
      (await db
        .prepare("SELECT count(*) AS n FROM notice_chunks WHERE notice_id = ?")
        .bind(noticeId)
        .first<{ n: number }>())!.n,
    ).toBe(0);
    // A notice stored whole can never be given pieces afterwards.
    await expect(
      db.prepare("INSERT INTO notice_chunks (notice_id, chunk_no, text) VALUES (?, 0, 'x')").bind(noticeId).run(),
    ).rejects.toThrow(/notice_immutable/);
  });
});
