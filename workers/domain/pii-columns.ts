import { encryptPii, searchHash, type PiiKeys } from "../lib/pii-crypto.ts";
import { maskPhone } from "../lib/mask.ts";

/**
 * The stored columns of a normalised phone number: ciphertext bound to its column (`context`,
 * AES-GCM associated data), keyed search hash and display mask; all null without a number.
 */
export async function phoneColumnsIn(context: string, keys: PiiKeys, phone: string | null) {
  if (!phone) return { phoneEnc: null, phoneHash: null, phoneMasked: null };
  return {
    phoneEnc: await encryptPii(keys, phone, context),
    phoneHash: await searchHash(keys, phone),
    phoneMasked: maskPhone(phone),
  };
}
