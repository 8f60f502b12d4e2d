/// <reference types="node" />
/**
 * The Worker isolate's own heap, read from the local dev server through the DevTools protocol
 * (wrangler dev `--inspector-port`): the figure Cloudflare's 128 MB per-isolate limit is about
 * (V8 heap plus ArrayBuffer backing stores); workerd's resident set also holds SQLite's page
 * cache, Miniflare and every other isolate, so it only bounds it loosely from above.
 *
 * How a step is measured (untimed): a full collection first (workerd answers
 * `HeapProfiler.takeHeapSnapshot`, which collects, but not `collectGarbage`), then
 * `Runtime.getHeapUsage` as often as the isolate answers while the request runs, and once after.
 * An isolate busy in JavaScript answers at its next await. The figure is the used heap, live or
 * not yet collected: an upper bound of what the step holds, since V8 — with no limit near
 * locally — collects lazily, where a 128 MB isolate would collect sooner. (Collecting at every
 * sample would give the live heap itself, but each takes seconds, lands at few of the step's
 * awaits, and in long runs made wrangler restart the worker mid-request.)
 *
 * Uses the platform WebSocket (Node ≥ 22, or Node 20 with `--experimental-websocket`, which the
 * npm script passes) rather than a dependency. Wrangler's inspector proxy answers only requests
 * with an Origin header, which undici's WebSocket lets us set.
 */

/** The slice of the platform WebSocket used here (the project's types are the Workers ones). */
interface Socket {
  onopen: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

export interface HeapPeak {
  /** Peak of used V8 heap + ArrayBuffer backing stores over the samples, in bytes. */
  usedBytes: number;
  samples: number;
}

export interface HeapSampler {
  /** A full collection; returns the live heap after it, in bytes. */
  collectGarbage(): Promise<number>;
  /** collectEach mode: what the largest live heap sampled held, by kind of object (largest first). */
  largestHolders(): { kind: string; count: number; bytes: number }[];
  /** Samples the used heap until the promise settles (and once after); returns the peak. */
  during<T>(work: Promise<T>): Promise<{ value: T; peak: HeapPeak }>;
  close(): void;
}

/** Connects to `ws://127.0.0.1:<port>/ws`; null when this Node has no WebSocket or the port does not answer. */
/**
 * `collectEach`: a full collection before every sample, so each is the live heap at that await
 * (slow, and the few awaits it lands on may miss the step's peak; for a one-off look).
 */
export async function connectHeapSampler(
  port: number,
  { intervalMs = 2, collectEach = false }: { intervalMs?: number; collectEach?: boolean } = {},
): Promise<HeapSampler | null> {
  const WS = (globalThis as unknown as { WebSocket?: new (url: string, init?: unknown) => Socket }).WebSocket;
  if (!WS) return null;
  let ws: Socket;
  try {
    ws = new WS(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: "http://127.0.0.1" } });
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error("inspector unreachable"));
      setTimeout(() => reject(new Error("inspector timeout")), 5000);
    });
  } catch {
    return null;
  }
  let nextId = 0;
  const pending = new Map<number, (usage: HeapUsage | null) => void>();
  // In collectEach mode the snapshot text is kept until its usage is known (the largest is summarised).
  let chunks: string[] = [];
  let largest = { bytes: 0, snapshot: "", usage: null as HeapUsage | null };
  ws.onmessage = (e) => {
    // Snapshot chunks and wrangler's own Network events are not answers to us.
    const msg = JSON.parse(String(e.data)) as {
      id?: number;
      method?: string;
      params?: { chunk?: string };
      result?: HeapUsage;
    };
    if (collectEach && msg.method === "HeapProfiler.addHeapSnapshotChunk") chunks.push(msg.params?.chunk ?? "");
    const done = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!done) return;
    pending.delete(msg.id!);
    done(msg.result ?? null);
  };
  const call = (method: string, params: unknown = {}) =>
    new Promise<HeapUsage | null>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const usage = () => call("Runtime.getHeapUsage");
  // Snapshot chunks arrive as events (ignored above); the answer to the call comes after the last.
  const usedOf = (u: HeapUsage) => u.usedSize + (u.backingStorageSize ?? 0);
  async function live(): Promise<number> {
    // Both sent at once, so the usage is read in the same pause as the collection, before the
    // request's JavaScript runs again and allocates.
    chunks = [];
    const [, u] = await Promise.all([call("HeapProfiler.takeHeapSnapshot", { reportProgress: false }), usage()]);
    if (!collectEach) return u ? usedOf(u) : 0;
    // The snapshot holds exactly what is reachable; V8's own figure still counts pages swept
    // lazily after the collection (it read 63 MB where the snapshot held 19).
    const snapshot = chunks.join("");
    chunks = [];
    const bytes = heapHolders(snapshot).reduce((sum, h) => sum + h.bytes, 0) + (u?.backingStorageSize ?? 0);
    if (bytes > largest.bytes) largest = { bytes, snapshot, usage: u };
    return bytes;
  }

  return {
    collectGarbage: live,
    async during<T>(work: Promise<T>) {
      const peak: HeapPeak = { usedBytes: 0, samples: 0 };
      let running = true;
      const settled = work.finally(() => {
        running = false;
      });
      const sample = async () => {
        if (collectEach) {
          peak.usedBytes = Math.max(peak.usedBytes, await live());
          peak.samples += 1;
          return;
        }
        const u = await usage();
        if (!u) return;
        peak.usedBytes = Math.max(peak.usedBytes, usedOf(u));
        peak.samples += 1;
      };
      const sampling = (async () => {
        while (running) {
          await sample();
          await new Promise((r) => setTimeout(r, intervalMs));
        }
        await sample();
      })();
      const value = await settled;
      await sampling;
      return { value, peak };
    },
    largestHolders: () =>
      largest.snapshot && largest.usage
        ? [
            { kind: "(ArrayBuffer backing stores)", count: 1, bytes: largest.usage.backingStorageSize ?? 0 },
            ...heapHolders(largest.snapshot),
          ]
        : [],
    close: () => ws.close(),
  };
}

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Self sizes in a V8 heap snapshot summed by node type and name (a constructor, "(string)",
 * "(array)"…): where the bytes of a heap are, without DevTools.
 */
function heapHolders(text: string): { kind: string; count: number; bytes: number }[] {
  const snap = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf("type"), fields.indexOf("name"), fields.indexOf("self_size")];
  const types = snap.snapshot.meta.node_types[0];
  const byKind = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const kind = type === "object" || type === "closure" ? `${type} ${snap.strings[snap.nodes[i + nameAt]!]}` : type;
    const k = byKind.get(kind) ?? { count: 0, bytes: 0 };
    k.count += 1;
    k.bytes += snap.nodes[i + sizeAt]!;
    byKind.set(kind, k);
  }
  return [...byKind.entries()].map(([kind, k]) => ({ kind, ...k })).sort((a, b) => b.bytes - a.bytes);
}
