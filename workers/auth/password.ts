import { constantTimeEqual, fromBase64, randomBytes, toBase64 } from "../lib/bytes.ts";

/**
 * workerd refuses PBKDF2 above 100,000 iterations (local Miniflare does not), so this is both
 * our cost and the ceiling; a test pins it. Stored as `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  if (iterations > PBKDF2_ITERATIONS) throw new Error(`PBKDF2 iterations above workerd's cap of ${PBKDF2_ITERATIONS}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** True if `password` matches `stored`; malformed stored values never match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  const iterations = Number(iter);
  if (
    scheme !== "pbkdf2-sha256" ||
    !salt ||
    !hash ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > PBKDF2_ITERATIONS
  ) {
    return false;
  }
  const actual = await derive(password, fromBase64(salt), iterations);
  return constantTimeEqual(actual, fromBase64(hash));
}

/** Iteration count recorded in a stored hash (for the test that pins workerd's cap). */
export function iterationsOf(stored: string): number {
  return Number(stored.split("$")[1]);
}
