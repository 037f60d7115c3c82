import { MAX_NAME_BYTES, safeFileBase, uniqueFileNames } from "./safe-name";

describe("safeFileBase", () => {
  it("keeps an ordinary unit's name as it is", () => {
    expect(safeFileBase("工程建设科")).toBe("工程建设科");
    expect(safeFileBase("XX市交通运输局（机关）")).toBe("XX市交通运输局（机关）");
  });

  it("replaces the characters Windows forbids, so a value can never name a path", () => {
    expect(safeFileBase('a/b\\c:d*e?f"g<h>i|j')).toBe("a_b_c_d_e_f_g_h_i_j");
    expect(safeFileBase("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeFileBase("科室\t一\n二")).toBe("科室 一 二");
    expect(safeFileBase("a\u0000b")).toBe("a_b");
  });

  it("drops leading and trailing dots and spaces, which Windows would drop or hide", () => {
    expect(safeFileBase("办公室. ")).toBe("办公室");
    expect(safeFileBase("  .hidden")).toBe("hidden");
    expect(safeFileBase("..")).toBe("_");
    expect(safeFileBase("   ")).toBe("_");
  });

  it("prefixes Windows' reserved device names, with or without an extension, in any case", () => {
    for (const name of ["CON", "prn", "Aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "CON.txt", "nul.tar.gz"])
      expect(safeFileBase(name)).toBe(`_${name}`);
    expect(safeFileBase("CONSOLE")).toBe("CONSOLE");
    expect(safeFileBase("COM10")).toBe("COM10");
  });

  it("cuts long names to the byte limit between whole characters", () => {
    const long = "很".repeat(200);
    const cut = safeFileBase(long);
    expect(Buffer.byteLength(cut, "utf8")).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(cut).toBe("很".repeat(Math.floor(MAX_NAME_BYTES / 3)));
    const emoji = "😀".repeat(100);
    expect([...safeFileBase(emoji)].every((ch) => ch === "😀")).toBe(true);
  });
});

describe("uniqueFileNames", () => {
  it("tells apart values that end up with the same name, also when only the case differs", () => {
    const names = uniqueFileNames(["a/b", "a_b", "Office", "office", "a/b"], ".xlsx");
    expect([...names.entries()]).toEqual([
      ["a/b", "a_b.xlsx"],
      ["a_b", "a_b (2).xlsx"],
      ["Office", "Office.xlsx"],
      ["office", "office (2).xlsx"],
    ]);
  });

  it("never reuses a name that is taken (the input file's, when it sits in the output folder)", () => {
    expect(uniqueFileNames(["总台账"], ".xlsx", ["总台账.XLSX"]).get("总台账")).toBe("总台账 (2).xlsx");
  });
});
