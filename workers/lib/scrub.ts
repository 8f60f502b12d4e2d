/**
 * Free text written by villagers (feedback) or officers (replies) may contain an ID number,
 * a mobile number or a bank card. Before such text is shown publicly, every run that looks
 * like one is masked the way GLOSSARY.md says (5101**********1234, 138****5678, ****1234).
 */
import { maskBankAccount, maskIdNumber, maskPhone } from "./mask.ts";

export function scrubPublicText(text: string | null | undefined): string {
  return (text ?? "")
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => maskIdNumber(m))
    .replace(/(?<!\d)(?:\+?86)?1\d{10}(?!\d)/g, (m) => maskPhone(m))
    .replace(/(?<!\d)\d{12,19}(?!\d)/g, (m) => maskBankAccount(m))
    .replace(/(?<!\d)\d{15}(?!\d)/g, (m) => maskIdNumber(m));
}

/** `scrubPublicText` for a nullable field: null stays null. */
export function scrubNullable(text: string | null): string | null {
  return text == null ? null : scrubPublicText(text);
}
