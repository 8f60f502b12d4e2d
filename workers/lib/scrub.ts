/**
 * Free text written by villagers (feedback) or officers (replies) may contain an ID number,
 * a mobile number or a bank card. Before such text is shown publicly, every run that looks
 * like one is masked the way GLOSSARY.md says (5101**********1234, 138****5678, ****1234).
 */
import { maskBankAccount, maskIdNumber, maskPhone } from "./mask.ts";

/** Every pattern below is a run of at least 11 digits: text without one has nothing to mask. */
const LONG_DIGIT_RUN = /\d{11}/;

export function scrubPublicText(text: string | null | undefined): string {
  // A 100,000-line notice scrubs 200,000 short texts; nearly all of them have no long digit run.
  if (!text || !LONG_DIGIT_RUN.test(text)) return text ?? "";
  return text
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => maskIdNumber(m))
    .replace(/(?<!\d)(?:\+?86)?1\d{10}(?!\d)/g, (m) => maskPhone(m))
    .replace(/(?<!\d)\d{12,19}(?!\d)/g, (m) => maskBankAccount(m))
    .replace(/(?<!\d)\d{15}(?!\d)/g, (m) => maskIdNumber(m));
}

/** `scrubPublicText` for a nullable field: null stays null. */
export function scrubNullable(text: string | null): string | null {
  return text == null ? null : scrubPublicText(text);
}
