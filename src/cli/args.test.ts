import { parseArgs } from "./args";

const FILE = "ledger.xlsx";

describe("parseArgs", () => {
  it("reads a bare evaluate with the defaults", () => {
    expect(parseArgs(["evaluate", FILE])).toEqual({
      ok: true,
      command: {
        command: "evaluate",
        file: FILE,
        sheet: null,
        today: null,
        format: "json",
        lang: "zh",
        out: null,
        since: null,
        sinceToday: null,
      },
    });
  });

  it("reads every flag, in any order, with a space or an equals sign", () => {
    const parsed = parseArgs([
      "evaluate",
      "--today",
      "2025-03-31",
      FILE,
      "--sheet=整改台账",
      "--format",
      "text",
      "--lang=en",
      "--out",
      "out/评估.xlsx",
      "--since-today=2025-03-24",
      "--since",
      "上周.xlsx",
    ]);
    expect(parsed).toEqual({
      ok: true,
      command: {
        command: "evaluate",
        file: FILE,
        sheet: "整改台账",
        today: "2025-03-31",
        format: "text",
        lang: "en",
        out: "out/评估.xlsx",
        since: "上周.xlsx",
        sinceToday: "2025-03-24",
      },
    });
  });

  it("keeps a sheet name with spaces and a file after --", () => {
    const parsed = parseArgs(["evaluate", "--sheet", "Sheet 1", "--", "-odd name.xlsx"]);
    expect(parsed.ok && parsed.command.command === "evaluate" && parsed.command).toMatchObject({
      sheet: "Sheet 1",
      file: "-odd name.xlsx",
    });
  });

  it.each([["--help"], ["-h"], ["evaluate", FILE, "--help"]])("asks for help with %s", (...argv) => {
    expect(parseArgs(argv)).toEqual({ ok: true, command: { command: "help" } });
  });

  it.each<[string, string[], string]>([
    ["no command", [], "Missing command"],
    ["an unknown command", ["check", FILE], "Unknown command: check"],
    ["no file", ["evaluate"], "Missing the ledger file"],
    ["two files", ["evaluate", "a.xlsx", "b.xlsx"], "One file at a time, got 2"],
    ["an unknown flag", ["evaluate", FILE, "--bogus"], "Unknown option: --bogus"],
    ["a short unknown flag", ["evaluate", FILE, "-x"], "Unknown option: -x"],
    ["a flag at the end without its value", ["evaluate", FILE, "--today"], "Option --today needs a value"],
    [
      "--since-today without --since",
      ["evaluate", FILE, "--since-today", "2025-03-24"],
      "--since-today goes with --since OLD.xlsx",
    ],
    [
      "a bad --since-today",
      ["evaluate", FILE, "--since", "a.xlsx", "--since-today", "3月24日"],
      "--since-today must be a valid YYYY-MM-DD date: 3月24日",
    ],
    [
      "a flag followed by another flag",
      ["evaluate", FILE, "--sheet", "--today", "2025-03-31"],
      "Option --sheet needs a value",
    ],
    ["an empty value", ["evaluate", FILE, "--out="], "Option --out needs a value"],
    [
      "a repeated flag",
      ["evaluate", FILE, "--today", "2025-03-31", "--today=2025-04-01"],
      "Option given twice: --today",
    ],
    [
      "a date in another form",
      ["evaluate", FILE, "--today", "2025/03/31"],
      "--today must be a valid YYYY-MM-DD date: 2025/03/31",
    ],
    [
      "an impossible date",
      ["evaluate", FILE, "--today", "2025-02-30"],
      "--today must be a valid YYYY-MM-DD date: 2025-02-30",
    ],
    ["an unknown format", ["evaluate", FILE, "--format", "csv"], "--format must be json or text: csv"],
    ["an unknown language", ["evaluate", FILE, "--lang", "fr"], "--lang must be zh or en: fr"],
  ])("refuses %s", (_label, argv, en) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message.en).toBe(en);
      expect(parsed.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
