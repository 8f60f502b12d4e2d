import { describe, it, expect } from "vitest";
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from "../../workers/lib/mask.ts";

describe("maskName", () => {
  it("follows the glossary: 张*明, 张*", () => {
    expect(maskName("张小明")).toBe("张*明");
    expect(maskName("张三")).toBe("张*");
  });

  it("keeps a one-character name and masks one * per hidden character", () => {
    expect(maskName("张")).toBe("张");
    expect(maskName("欧阳小明")).toBe("欧**明");
    expect(maskName("司马相如之")).toBe("司***之");
  });

  it("keeps separators of minority and transliterated names", () => {
    expect(maskName("阿依·古丽")).toBe("阿*·*丽");
    expect(maskName("买买提·艾力")).toBe("买**·*力");
    expect(maskName("阿依•古丽")).toBe("阿*•*丽");
  });

  it("treats characters outside the BMP as one character", () => {
    expect(maskName("𠮷野家")).toBe("𠮷*家");
    expect(maskName("王𠮷")).toBe("王*");
  });

  it("tolerates null, empty and surrounding spaces", () => {
    expect(maskName(null)).toBe("");
    expect(maskName(undefined)).toBe("");
    expect(maskName("")).toBe("");
    expect(maskName("  李四  ")).toBe("李*");
  });
});

describe("maskIdNumber", () => {
  it("keeps the first 4 and last 4 of an 18-character ID", () => {
    expect(maskIdNumber("510112199001011234")).toBe("5101**********1234");
    expect(maskIdNumber("11010519491231002x")).toBe("1101**********002X");
  });

  it("masks old 15-digit numbers the same way", () => {
    expect(maskIdNumber("510112900101123")).toBe("5101*******1123");
  });

  it("hides short values completely", () => {
    expect(maskIdNumber("12345678")).toBe("********");
    expect(maskIdNumber("123")).toBe("***");
  });

  it("tolerates null and empty", () => {
    expect(maskIdNumber(null)).toBe("");
    expect(maskIdNumber("")).toBe("");
  });
});

describe("maskPhone", () => {
  it("shows 3 + 4 of a mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("138 1234 5678")).toBe("138****5678");
    expect(maskPhone("138-1234-5678")).toBe("138****5678");
    expect(maskPhone("+8613812345678")).toBe("138****5678");
    expect(maskPhone("008613812345678")).toBe("138****5678");
  });

  it("shows 3 + 2 of other numbers", () => {
    expect(maskPhone("0871-65123456")).toBe("087*******56");
    expect(maskPhone("6512345")).toBe("651**45");
    expect(maskPhone("12345")).toBe("*****");
  });

  it("tolerates null and empty", () => {
    expect(maskPhone(null)).toBe("");
    expect(maskPhone(" ")).toBe("");
  });
});

describe("maskBankAccount", () => {
  it("shows only the last 4 with a fixed number of stars", () => {
    expect(maskBankAccount("6222021234567890123")).toBe("****0123");
    expect(maskBankAccount("6222 0212 3456 7890")).toBe("****7890");
    expect(maskBankAccount("62220212")).toBe("****0212");
  });

  it("reveals nothing of very short values", () => {
    expect(maskBankAccount("1234")).toBe("****");
  });

  it("tolerates null and empty", () => {
    expect(maskBankAccount(null)).toBe("");
    expect(maskBankAccount("")).toBe("");
  });
});
