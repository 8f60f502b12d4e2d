/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    // A copy only from the first element that changes: a 100,000-line notice whose lines are
    // already in key order (the batch builds them so) is not copied at all.
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const s = sortKeys(v);
      if (out) out.push(s);
      else if (s !== v) {
        out = value.slice(0, i);
        out.push(s);
      }
    }
    return out ?? value;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    const sorted = [...keys].sort();
    const proto = Object.getPrototypeOf(value);
    // A plain object already in key order, with every value unchanged, serialises the same as its sorted copy.
    if ((proto === Object.prototype || proto === null) && keys.every((k, i) => k === sorted[i])) {
      let same = true;
      for (const key of keys) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined && sortKeys(v) !== v) {
          same = false;
          break;
        }
      }
      if (same) return value;
    }
    const out: Record<string, unknown> = {};
    for (const key of sorted) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
