/**
 * Masking of personal data on public pages (GLOSSARY "Masking on public pages").
 *
 * Public notices (公示) must let villagers recognise a neighbour's line without exposing
 * the full name, ID number, phone or bank account to the whole internet. The formats are
 * fixed by the glossary: 张*明, 5101**********1234, 138****5678, ****1234.
 *
 * Every function accepts null/undefined/empty and returns "" so templates can call them
 * on optional columns. Strings are handled per code point (Array.from), so names with rare
 * characters outside the BMP (e.g. 𠮷) are masked character by character, not by halves.
 */

type Maybe = string | null | undefined;

/** Separators inside names (ethnic-minority and transliterated names) that stay visible. */
const NAME_SEPARATORS = new Set(["·", "•", "・", "‧", "．", ".", " ", "　"]);

/**
 * Masks a person's name: keep the first and last character, one * per hidden character.
 * Two-character names keep only the first (张*), one-character names stay as they are.
 * Separators stay, so 阿依·古丽 becomes 阿*·*丽 and still reads as a two-part name.
 * @example maskName("张三丰") // "张*丰"
 */
export function maskName(name: Maybe): string {
  const chars = Array.from((name ?? "").trim());
  if (chars.length <= 1) return chars.join("");
  if (chars.length === 2) return `${chars[0]}*`;
  const middle = chars.slice(1, -1).map((c) => (NAME_SEPARATORS.has(c) ? c : "*"));
  return chars[0] + middle.join("") + chars[chars.length - 1];
}

/**
 * Keeps `head` leading and `tail` trailing characters and stars the rest. When the value is
 * too short to hide at least as much as it shows, everything is starred: a short value
 * with its ends showing would be effectively unmasked.
 */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return "*".repeat(chars.length);
  return (
    chars.slice(0, head).join("") + "*".repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join("")
  );
}

/** Removes spaces and dashes that people type into numbers. */
function compact(value: Maybe): string {
  return (value ?? "").replace(/[\s\-－]/g, "");
}

/**
 * Masks an ID number: first 4 (province and city) and last 4 visible.
 * @example maskIdNumber("510112199001011234") // "5101**********1234"
 */
export function maskIdNumber(id: Maybe): string {
  const v = compact(id).toUpperCase();
  if (v === "") return "";
  return keepEnds(v, 4, 4);
}

/**
 * Masks a phone number: an 11-digit mainland mobile shows 3 + 4 (138****5678); other
 * numbers (landlines, short numbers) show the first 3 and last 2. A +86/0086 prefix is
 * dropped so the same mobile always masks the same way.
 */
export function maskPhone(phone: Maybe): string {
  let v = compact(phone);
  if (v === "") return "";
  const intl = /^(?:\+|00)86(1\d{10})$/.exec(v);
  if (intl) v = intl[1]!;
  if (/^1\d{10}$/.test(v)) return keepEnds(v, 3, 4);
  return keepEnds(v, 3, 2);
}

/**
 * Masks a bank account or card number to its last 4 digits. The number of stars is fixed
 * so the mask does not reveal the account's length (which hints at the bank).
 * @example maskBankAccount("6222 0212 3456 7890 123") // "****0123"
 */
export function maskBankAccount(account: Maybe): string {
  const chars = Array.from(compact(account));
  if (chars.length === 0) return "";
  if (chars.length <= 4) return "****";
  return `****${chars.slice(-4).join("")}`;
}
