import { availableParallelism } from "node:os";
import { parseSplitArgs } from "../split/args";
import { parseCombineArgs } from "./args";

describe("combine's arguments", () => {
  it("takes paths and the options, with the number of cores as the default --jobs", () => {
    expect(parseCombineArgs(["in", "b.xlsx", "--out=汇总.xlsx", "--today", "2025-03-31", "--format", "text"])).toEqual({
      ok: true,
      command: {
        paths: ["in", "b.xlsx"],
        out: "汇总.xlsx",
        today: "2025-03-31",
        format: "text",
        jobs: availableParallelism(),
      },
    });
    expect(parseCombineArgs(["in", "--jobs", "3"])).toMatchObject({
      ok: true,
      command: { jobs: 3, format: "json", today: null, out: null },
    });
  });

  it("refuses what a batch script must not get silently wrong", () => {
    const message = (args: string[]) => {
      const parsed = parseCombineArgs(args);
      return parsed.ok ? null : parsed.message.en;
    };
    expect(message([])).toMatch(/Missing the files or folders/);
    expect(message(["in", "--jobs", "0"])).toMatch(/--jobs must be a whole number/);
    expect(message(["in", "--jobs", "2.5"])).toMatch(/--jobs must be a whole number/);
    expect(message(["in", "--today", "2025-02-30"])).toMatch(/--today must be a valid/);
    expect(message(["in", "--format", "csv"])).toMatch(/--format must be json or text/);
    expect(message(["in", "--sheet", "x"])).toMatch(/Unknown option: --sheet/);
    expect(message(["in", "--out", "a.xlsx", "--out", "b.xlsx"])).toMatch(/Option given twice/);
    expect(message(["in", "--out"])).toMatch(/--out needs a value/);
  });
});

describe("split's arguments", () => {
  it("takes one ledger, the field and the output folder", () => {
    expect(parseSplitArgs(["总台账.xlsx", "--by", "source", "--outdir", "parts", "--sheet", "问题总台账"])).toEqual({
      ok: true,
      command: { file: "总台账.xlsx", by: "source", outdir: "parts", sheet: "问题总台账" },
    });
  });

  it("needs --by (one of the four fields) and --outdir, and one file", () => {
    const message = (args: string[]) => {
      const parsed = parseSplitArgs(args);
      return parsed.ok ? null : parsed.message.en;
    };
    expect(message(["a.xlsx", "--outdir", "d"])).toMatch(/Missing --by/);
    expect(message(["a.xlsx", "--by", "leader", "--outdir", "d"])).toMatch(
      /--by must be unit, source, owner or category/,
    );
    expect(message(["a.xlsx", "--by", "unit"])).toMatch(/Missing --outdir/);
    expect(message(["a.xlsx", "b.xlsx", "--by", "unit", "--outdir", "d"])).toMatch(/One file at a time/);
  });
});
