import { randomBytes } from "./bytes.ts";

/**
 * The code a villager gets for an objection or a piece of feedback, to look up the answer later
 * without an account. No 0/O, 1/I: it is read off a phone and typed back. 32 symbols = 5 bits each.
 */
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const TRACKING_CODE_LENGTH = 10;

/** 10 symbols of 5 random bits: 2^50 codes, not guessable by enumeration against a rate-limited lookup. */
export function newTrackingCode(): string {
  return Array.from(randomBytes(TRACKING_CODE_LENGTH), (b) => ALPHABET[b & 31]).join("");
}

/** Normalises what a villager typed: case, spaces and dashes do not matter. */
export function normaliseTrackingCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}
