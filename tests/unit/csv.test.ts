import { describe, it, expect } from "vitest";
import {
  CsvError,
  csvResponseBody,
  decodeCsvBytes,
  parseCsv,
  parseCsvRecords,
  parseCsvSheet,
  sheetRecords,
  toCsv,
  type CsvColumn,
  type CsvSheet,
} from "../../workers/lib/csv.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);

// "姓名,身份证号\r\n张三,11010519491231002X\r\n" as Excel on Chinese Windows saves it (GBK):
// 姓 D0D5, 名 C3FB, 身 C9ED, 份 B7DD, 证 D6A4, 号 BAC5, 张 D5C5, 三 C8FD.
const GBK_FIXTURE = bytes(
  0xd0,
  0xd5,
  0xc3,
  0xfb,
  0x2c,
  0xc9,
  0xed,
  0xb7,
  0xdd,
  0xd6,
  0xa4,
  0xba,
  0xc5,
  0x0d,
  0x0a,
  0xd5,
  0xc5,
  0xc8,
  0xfd,
  0x2c,
  ...utf8("11010519491231002X"),
  0x0d,
  0x0a,
);

describe("TextDecoder in this runtime", () => {
  it("decodes GB18030 natively, including 4-byte sequences", () => {
    const d = new TextDecoder("gb18030");
    expect(d.encoding).toBe("gb18030");
    expect(d.decode(bytes(0xd5, 0xc5, 0xc8, 0xfd))).toBe("张三");
    // 4-byte GB18030: 81 30 81 30 is U+0080; 95 32 82 36 is U+20000 (𠀀, outside the BMP).
    expect(d.decode(bytes(0x81, 0x30, 0x81, 0x30))).toBe("\u0080");
    expect(d.decode(bytes(0x95, 0x32, 0x82, 0x36))).toBe("\u{20000}");
    // The single byte 0x80 is the euro sign in GB18030 (as in Windows code page 936).
    expect(d.decode(bytes(0x80))).toBe("€");
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8 without BOM", () => {
    expect(decodeCsvBytes(utf8("姓名\r\n张三\r\n"))).toEqual({ text: "姓名\r\n张三\r\n", encoding: "utf-8" });
  });

  it('strips a UTF-8 BOM (Excel\'s "CSV UTF-8")', () => {
    const r = decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, ...utf8("姓名,金额")));
    expect(r).toEqual({ text: "姓名,金额", encoding: "utf-8" });
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("falls back to GB18030 for Excel's ANSI CSV on Chinese Windows", () => {
    const r = decodeCsvBytes(GBK_FIXTURE);
    expect(r.encoding).toBe("gb18030");
    expect(r.text).toBe("姓名,身份证号\r\n张三,11010519491231002X\r\n");
    expect(parseCsv(r.text)).toEqual([
      ["姓名", "身份证号"],
      ["张三", "11010519491231002X"],
    ]);
  });

  it("keeps UTF-8 when a BOM says so, even with a broken byte", () => {
    const r = decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62));
    expect(r).toEqual({ text: "a\uFFFDb", encoding: "utf-8" });
  });

  it("handles empty input and pure ASCII", () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" });
    expect(decodeCsvBytes(bytes(0xef, 0xbb, 0xbf))).toEqual({ text: "", encoding: "utf-8" });
    expect(decodeCsvBytes(utf8("a,b\n1,2"))).toEqual({ text: "a,b\n1,2", encoding: "utf-8" });
  });

  it("round-trips our own export", () => {
    const text = toCsv([
      ["姓名", "金额"],
      ["张三", "1234.56"],
    ]);
    expect(decodeCsvBytes(csvResponseBody(text))).toEqual({ text, encoding: "utf-8" });
  });
});

describe("parseCsv", () => {
  it("splits simple rows with CRLF, LF or CR", () => {
    expect(parseCsv("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("keeps empty fields and blank lines as rows", () => {
    expect(parseCsv(",a,,\n")).toEqual([["", "a", "", ""]]);
    expect(parseCsv("a\n\nb\n")).toEqual([["a"], [""], ["b"]]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\n")).toEqual([[""]]);
  });

  it("handles quotes, escaped quotes, commas and line breaks inside quotes", () => {
    expect(parseCsv('"a,b","say ""hi""",c\r\n')).toEqual([["a,b", 'say "hi"', "c"]]);
    expect(parseCsv('名称,备注\r\n"村委会","第一行\r\n第二行"\r\n下一行,x')).toEqual([
      ["名称", "备注"],
      ["村委会", "第一行\r\n第二行"],
      ["下一行", "x"],
    ]);
    expect(parseCsv('"",""\n')).toEqual([["", ""]]);
    expect(parseCsv('""""')).toEqual([['"']]);
    expect(parseCsv('a,"b"')).toEqual([["a", "b"]]);
    expect(parseCsv('"a\n"')).toEqual([["a\n"]]);
  });

  it("is lenient like Excel with stray quotes", () => {
    expect(parseCsv('ab"c,d')).toEqual([['ab"c', "d"]]);
    expect(parseCsv('"ab"c,d')).toEqual([["abc", "d"]]);
    expect(parseCsv(' "a",b')).toEqual([[' "a"', "b"]]);
  });

  it("reports an unclosed quote with its Excel row", () => {
    try {
      parseCsv('h\nok\n"never closed,\nmore');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).row).toBe(3);
      expect((e as CsvError).message).toBe("第3行：引号未闭合，请检查该行的双引号");
    }
  });

  it("ignores a BOM left in the text", () => {
    expect(parseCsv("\uFEFFa,b")).toEqual([["a", "b"]]);
  });

  // Speed is measured in tests/bench, not asserted against the wall clock of a shared machine.
  it("mixes rows without quotes (split at once) and rows with quotes (read cell by cell)", () => {
    expect(parseCsv('a,b\n"x\ny",z\r\nc,d\rq"w,e\n,\n"f"')).toEqual([
      ["a", "b"],
      ["x\ny", "z"],
      ["c", "d"],
      ['q"w', "e"],
      ["", ""],
      ["f"],
    ]);
    // Line breaks of one kind only, quotes only near the end: every row still splits the same.
    const plain = Array.from({ length: 1000 }, (_, i) => `${i},名${i}`).join("\n");
    const rows = parseCsv(`${plain}\n"末,行",1\n`);
    expect(rows).toHaveLength(1001);
    expect(rows[999]).toEqual(["999", "名999"]);
    expect(rows[1000]).toEqual(["末,行", "1"]);
  });

  it("parses 20,000 rows", () => {
    const text = toCsv(Array.from({ length: 20_000 }, (_, i) => [`张${i}`, "11010519491231002X", i, "备注,含逗号"]));
    const rows = parseCsv(text);
    expect(rows.length).toBe(20_000);
    expect(rows[19_999]).toEqual(["张19999", "11010519491231002X", "19999", "备注,含逗号"]);
  });
});

describe("parseCsvRecords", () => {
  const columns: CsvColumn<"name" | "idNumber" | "amount" | "note">[] = [
    { key: "name", header: "姓名" },
    { key: "idNumber", header: "身份证号", aliases: ["身份证号码", "证件号码"] },
    { key: "amount", header: "金额（元）" },
    { key: "note", header: "备注", required: false },
  ];

  it("maps rows to keys with Excel row numbers and skips blank rows", () => {
    const text =
      "姓名,身份证号,金额（元）,备注\r\n张三,11010519491231002X,500,\r\n,,,\r\n\r\n李四, 510112199001011234 ,1234.5,补发\r\n";
    const r = parseCsvRecords(text, columns);
    expect(r).toEqual({
      ok: true,
      ignoredHeaders: [],
      records: [
        { row: 2, values: { name: "张三", idNumber: "11010519491231002X", amount: "500", note: "" } },
        { row: 5, values: { name: "李四", idNumber: "510112199001011234", amount: "1234.5", note: "补发" } },
      ],
    });
  });

  it("reads a sheet a slice at a time with the same records, counting blank rows out and emptying what it read", () => {
    const text = "姓名,身份证号,金额（元）\n张三,1,10\n,,\n李四,2,20\n王五,3,30\n";
    const sheet = parseCsvSheet(text, columns) as CsvSheet<"name" | "idNumber" | "amount" | "note">;
    expect(sheet.ok).toBe(true);
    expect(sheet.recordCount).toBe(3);
    const first = sheetRecords(sheet, 1, 3);
    const rest = sheetRecords(sheet, 3, 100);
    const whole = parseCsvRecords(text, columns);
    expect(whole.ok && [...first, ...rest]).toEqual(whole.ok && whole.records);
    expect(first.map((r) => r.row)).toEqual([2]);
    expect(rest.map((r) => r.row)).toEqual([4, 5]);
    // Read rows are let go (a 100,000-row file is not held twice) and are not read again.
    expect(sheet.rows.slice(1).every((cells) => cells.length === 0)).toBe(true);
    expect(sheetRecords(sheet, 1, 100)).toEqual([]);
  });

  it("counts rows like Excel when a cell spans lines", () => {
    const r = parseCsvRecords('姓名,身份证号,金额（元）\n"张\n三",1,2\n李四,3,4\n', columns);
    expect(r.ok && r.records.map((x) => x.row)).toEqual([2, 3]);
  });

  it("tolerates header spaces, full-width letters, * marks, aliases and column order", () => {
    const r = parseCsvRecords(" 金额（元） ,* 姓 名,身份证号码 ,备注*,其他\n500,张三,1,,x\n", columns);
    expect(r).toMatchObject({
      ok: true,
      records: [{ values: { name: "张三", idNumber: "1", amount: "500", note: "" } }],
      ignoredHeaders: ["其他"],
    });
  });

  it("matches half-width parentheses to a full-width template header", () => {
    const r = parseCsvRecords("姓名,身份证号,金额(元)\n张三,1,2\n", columns);
    expect(r.ok).toBe(true);
  });

  it("lists every missing required header at once", () => {
    const r = parseCsvRecords("姓名,备注\n张三,x\n", columns);
    expect(r).toEqual({
      ok: false,
      row: 1,
      message: "缺少必需的列：“身份证号”、“金额（元）”。请使用导入模板，表头在第1行",
    });
  });

  it("allows a missing optional column and short rows", () => {
    const r = parseCsvRecords("姓名,身份证号,金额（元）\n张三\n", columns);
    expect(r.ok && r.records[0]!.values).toEqual({ name: "张三", idNumber: "", amount: "", note: "" });
  });

  it("rejects duplicate columns, empty files and unclosed quotes", () => {
    expect(parseCsvRecords("姓名,身份证号,证件号码,金额（元）\n", columns)).toEqual({
      ok: false,
      row: 1,
      message: "表头“身份证号”出现了不止一次，请只保留一列",
    });
    expect(parseCsvRecords("", columns)).toEqual({ ok: false, message: "文件为空或第1行没有表头" });
    expect(parseCsvRecords(",,\n张三,1,2", columns)).toEqual({ ok: false, message: "文件为空或第1行没有表头" });
    const r = parseCsvRecords('姓名,身份证号,金额（元）\n"张三,1,2\n', columns);
    expect(r).toEqual({ ok: false, row: 2, message: "第2行：引号未闭合，请检查该行的双引号" });
  });

  it("reads back what toCsv wrote, including defused cells", () => {
    const rows = [
      ["姓名", "身份证号", "金额（元）", "备注"],
      ["张三", "510112199001011234", "-500", '=HYPERLINK("http://x")'],
      ["李四", "11010519491231002X", "0.50", "@SUM(A1)"],
    ];
    const r = parseCsvRecords(toCsv(rows), columns);
    expect(r.ok && r.records.map((x) => Object.values(x.values))).toEqual([
      ["张三", "510112199001011234", "-500", '=HYPERLINK("http://x")'],
      ["李四", "11010519491231002X", "0.50", "@SUM(A1)"],
    ]);
  });
});

describe("toCsv", () => {
  it("writes CRLF rows and quotes only when needed", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["1", 2],
      ]),
    ).toBe("a,b\r\n1,2\r\n");
    expect(toCsv([['say "hi"', "a,b", "line\nbreak", "cr\r"]])).toBe('"say ""hi""","a,b","line\nbreak","cr\r"\r\n');
    expect(toCsv([["张三", null, undefined, 0]])).toBe("张三,,,0\r\n");
    expect(toCsv([])).toBe("");
  });

  it("defuses formula injection in text cells", () => {
    expect(toCsv([["=1+1", "+86", "-2", "@cmd", "\tx", "\rx", "a=b"]])).toBe(
      `'=1+1,'+86,'-2,'@cmd,'\tx,"'\rx",a=b\r\n`,
    );
    expect(toCsv([['=HYPERLINK("http://evil","点击")']])).toBe(`"'=HYPERLINK(""http://evil"",""点击"")"\r\n`);
  });

  it("writes numbers as numbers, negatives included", () => {
    expect(toCsv([[-500, 1234.56, 0]])).toBe("-500,1234.56,0\r\n");
    expect(() => toCsv([[Number.NaN]])).toThrow(RangeError);
    expect(() => toCsv([[Infinity]])).toThrow(RangeError);
  });

  it("keeps long digit strings as text in Excel", () => {
    expect(toCsv([["510112199001011234", "510112001001", "13812345678", "11010519491231002X"]])).toBe(
      "\t510112199001011234,\t510112001001,13812345678,11010519491231002X\r\n",
    );
  });

  it("round-trips through parseCsv", () => {
    const rows = [["a", "b,c", 'd"e', "f\r\ng", "", "中文"]];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("csvResponseBody", () => {
  it("prefixes UTF-8 bytes with a BOM", () => {
    const body = csvResponseBody("张三,1\r\n");
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(body.slice(3))).toBe("张三,1\r\n");
    expect(body.length).toBe(3 + utf8("张三,1\r\n").length);
  });
});
