#!/usr/bin/env node
// Verifies a Bangfu publication ledger (公开账本) offline, with nothing but Node ≥ 18.
//
//   node db/scripts/verify-ledger.mjs https://example.gov.cn/t/longquanyi/api/v1/ledger
//   node db/scripts/verify-ledger.mjs ledger-longquanyi.jsonl        (a saved /ledger/export)
//
// For every entry, in sequence order (see workers/ledger/README.md):
//   contentHash = SHA-256( content )                    content = canonical JSON text
//   hash        = SHA-256( prevHash + "\n" + canonicalJSON({ contentHash, kind, ref, at, seq }) )
// the first prevHash is 64 zeros, each next prevHash is the previous hash. Canonical JSON is
// JSON.stringify with object keys sorted (by UTF-16 code units) at every depth.
// Prints "OK <count> entries, head <hash>" (exit 0) or the first broken sequence number (exit 1).
//
// Truncation: whoever kept an older export can check that the live ledger still holds it, entry for
// entry (nothing removed or rewritten behind it):
//   node db/scripts/verify-ledger.mjs <ledger-url | export.jsonl> --since older-export.jsonl
// Signed checkpoints (kind "audit.checkpoint") of the audit log's head are checked too: each
// signature (Ed25519 over "bangfu-audit-checkpoint/v1\n<tenant>\n<auditSeq>\n<auditHash>\n<at>",
// v2 adds "\n<ledgerSeq>\n<ledgerPrevHash>", the checkpoint's own place in the ledger)
// must verify with the entry's public key, and all checkpoints must use the same key (pin it with
// --key <base64>, as published at …/api/v1/ledger/checkpoint-key). The server's
// GET …/api/v1/audit/verify reports whether the audit log still reaches the last checkpoint.

import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { readFile } from "node:fs/promises";

const GENESIS = "0".repeat(64);
const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}
const canonicalJson = (value) => JSON.stringify(sortKeys(value));

/** Entries from the API, page by page (`content` arrives parsed: re-canonicalise it). */
async function* fromUrl(url) {
  const base = new URL(url);
  let after = 0;
  for (;;) {
    base.searchParams.set("after", String(after));
    base.searchParams.set("limit", "1000");
    const res = await fetch(base, { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`GET ${base} → HTTP ${res.status}`);
    const page = await res.json();
    for (const e of page.items)
      yield { ...e, contentText: typeof e.content === "string" ? JSON.stringify(e.content) : canonicalJson(e.content) };
    if (page.items.length === 0 || page.next == null) return;
    after = page.items[page.items.length - 1].seq;
  }
}

/** Entries of a saved export (JSON Lines; `content` is the exact stored text). */
async function* fromFile(path) {
  const text = await readFile(path, "utf8");
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    yield { ...e, contentText: typeof e.content === "string" ? e.content : canonicalJson(e.content) };
  }
}

function checkpointValid(e, pinnedKey) {
  const c = typeof e.content === "string" ? JSON.parse(e.content) : e.content;
  if (pinnedKey && c.publicKey !== pinnedKey) return "signed with another key";
  const x = Buffer.from(c.publicKey, "base64").toString("base64url");
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
  const v1 = `${c.tenant}\n${c.auditSeq}\n${c.auditHash}\n${c.at}`;
  // v2 also signs the checkpoint's own place in the ledger: it must be where it claims to be.
  if (c.ledgerSeq !== undefined && (c.ledgerSeq !== e.seq || c.ledgerPrevHash !== e.prevHash))
    return "signed for another place in the ledger";
  const message =
    c.ledgerSeq === undefined
      ? `bangfu-audit-checkpoint/v1\n${v1}`
      : `bangfu-audit-checkpoint/v2\n${v1}\n${c.ledgerSeq}\n${c.ledgerPrevHash}`;
  return verifySignature(null, Buffer.from(message, "utf8"), key, Buffer.from(c.signature, "base64"))
    ? null
    : "signature does not verify";
}

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const source = process.argv[2];
  if (!source || source.startsWith("--")) {
    console.error(
      "usage: node db/scripts/verify-ledger.mjs <ledger-url | export.jsonl> [--since older.jsonl] [--key base64]",
    );
    process.exit(2);
  }
  const since = option("--since");
  let pinnedKey = option("--key");
  const hashes = new Map();
  let checkpoints = 0;
  const entries = /^https?:\/\//.test(source)
    ? fromUrl(source.replace(/\/ledger\/?(\?.*)?$/, "/ledger"))
    : fromFile(source);
  let prev = GENESIS;
  let expected = 1;
  let count = 0;
  const fail = (seq, reason) => {
    console.log(`BROKEN at seq ${seq}: ${reason} (${count} entries before it verified, last good hash ${prev})`);
    process.exit(1);
  };
  for await (const e of entries) {
    if (e.seq !== expected) fail(e.seq, `sequence gap, expected ${expected}`);
    if (sha256(e.contentText) !== e.contentHash) fail(e.seq, "content does not match contentHash");
    if (e.prevHash !== prev) fail(e.seq, "prevHash does not match the previous entry's hash");
    const hash = sha256(
      `${e.prevHash}\n${canonicalJson({ seq: e.seq, at: e.at, kind: e.kind, ref: e.ref, contentHash: e.contentHash })}`,
    );
    if (hash !== e.hash) fail(e.seq, "hash does not match");
    if (e.kind === "audit.checkpoint") {
      const c = typeof e.content === "string" ? JSON.parse(e.content) : e.content;
      pinnedKey ??= c.publicKey;
      const problem = checkpointValid(e, pinnedKey);
      if (problem) fail(e.seq, `audit checkpoint ${problem}`);
      checkpoints++;
    }
    if (since) hashes.set(e.seq, e.hash);
    prev = e.hash;
    expected++;
    count++;
  }
  if (since) {
    let held = 0;
    for await (const old of fromFile(since)) {
      if (!hashes.has(old.seq)) fail(old.seq, `entry of ${since} is missing: the ledger was cut back`);
      if (hashes.get(old.seq) !== old.hash) fail(old.seq, `entry differs from ${since}: the ledger was rewritten`);
      held++;
    }
    console.log(`OK all ${held} entries of ${since} are still in the ledger`);
  }
  console.log(`OK ${count} entries, head ${prev}, ${checkpoints} signed audit checkpoints`);
}

main().catch((err) => {
  console.error(`error: ${err.message}`);
  process.exit(2);
});
