import { progressReporter } from "./progress";

describe("combine's progress on stderr", () => {
  it("redraws one bar line on a terminal and ends it with a line break", () => {
    let out = "";
    const progress = progressReporter(4, (t) => (out += t), true);
    progress.fileDone("a.xlsx", true);
    progress.fileDone("b.xlsx", false);
    progress.finish();
    const frames = out.split("\r").filter(Boolean);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatch(/^已检查 1\/4 个文件 \[█{6}·{18}\]/);
    expect(frames[1]).toMatch(/^已检查 2\/4 个文件 \[█{12}·{12}\]/);
    expect(out.endsWith("\n")).toBe(true);
    expect(out.split("\n")).toHaveLength(2);
  });

  it("writes one plain line per file elsewhere, naming the file and whether it could be read", () => {
    let out = "";
    const progress = progressReporter(2, (t) => (out += t), false);
    progress.fileDone("in/a.xlsx", true);
    progress.fileDone("in/b.xlsx", false);
    progress.finish();
    expect(out).not.toContain("\r");
    expect(out.trimEnd().split("\n")).toEqual([
      "已检查 1/2 个文件 / checked 1 of 2: in/a.xlsx",
      "已检查 2/2 个文件 / checked 2 of 2: in/b.xlsx（未能读取 / unreadable）",
    ]);
  });
});
