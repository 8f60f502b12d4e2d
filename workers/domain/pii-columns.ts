import { encryptPiiAt, searchHash, type PiiKeys, type PiiSlot } from "../lib/pii-crypto.ts";
import { maskPhone } from "../lib/mask.ts";

/**
 * The stored columns of a normalised phone number: ciphertext bound to its row and column
 * (`slot`, AES-GCM associated data), keyed search hash and display mask; all null without a number.
 */
export async function phoneColumnsAt(slot: PiiSlot, keys: PiiKeys, phone: string | null) {
  if (!phone) return { phoneEnc: null, phoneHash: null, phoneMasked: null };
  return {
    phoneEnc: await encryptPiiAt(keys, phone, slot),
    phoneHash: await searchHash(keys, phone),
    phoneMasked: maskPhone(phone),
  };
}
