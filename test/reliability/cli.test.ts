/**
 * Issue #5, part 5: the CLI on every file it cannot use — exit 2, exactly one line on stderr (Chinese
 * / English), nothing on stdout, no stack trace, and the input byte for byte unchanged (sha256). The
 * cases test/e2e/cli.test.ts covers (missing file, folder, renamed text, truncated) are repeated here
 * only inside the table, for the input-unchanged check they lacked.
 *
 * Unreadable files (chmod 000): these tests run as root, who may read anything, so the permission
 * case cannot be produced here; the mapping from EACCES/EPERM to its message is unit-tested below
 * (`problemFromFsError`, `readProblemMessage`), and the real case runs when not root.
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { problemFromFsError, readProblemMessage } from "../../src/xlsx/read";
import { cli, ROOT } from "../support/reliability";

const SAMPLE = join(ROOT, "samples/整改台账示例.xlsx");
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const runningAsRoot = typeof process.getuid === "function" && process.getuid() === 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zgtz-cli-rel-"));
});
afterAll(() => {
  try {
    chmodSync(join(dir, "secret.xlsx"), 0o644);
  } catch {
    // not created
  }
  rmSync(dir, { recursive: true, force: true });
});

function expectOneLineRefusal(outcome: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr.endsWith("\n")).toBe(true);
  expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(outcome.stderr).toMatch(/^[^\n]*[\u4e00-\u9fff][^\n]* \/ [^\n]+\n$/);
  expect(outcome.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  expect(outcome.stderr).toMatch(pattern);
}

/** Files that are not a usable workbook: [label, how to make it (returns its path), expected message]. */
const inputs: [string, () => string, RegExp][] = [
  ["a missing file", () => join(dir, "nope.xlsx"), /^找不到文件：/],
  [
    "a directory",
    () => {
      const path = join(dir, "folder.xlsx");
      mkdirSync(path, { recursive: true });
      return path;
    },
    /^这是一个文件夹/,
  ],
  [
    "a text file renamed .xlsx",
    () => {
      const path = join(dir, "text.xlsx");
      writeFileSync(path, "序号,问题描述\n1,制度不健全\n");
      return path;
    },
    /^不是 Excel 工作簿/,
  ],
  [
    "an empty file",
    () => {
      const path = join(dir, "empty.xlsx");
      writeFileSync(path, "");
      return path;
    },
    /^不是 Excel 工作簿/,
  ],
  [
    "a truncated .xlsx",
    () => {
      const path = join(dir, "cut.xlsx");
      const bytes = readFileSync(SAMPLE);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      return path;
    },
    /^文件不完整/,
  ],
  [
    "a password-protected .xlsx (OLE compound file with EncryptionInfo, as Office writes it)",
    () => {
      const path = join(dir, "locked.xlsx");
      const header = Buffer.alloc(512);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
      const directory = Buffer.alloc(1024);
      Buffer.from("EncryptionInfo", "utf16le").copy(directory, 0);
      Buffer.from("EncryptedPackage", "utf16le").copy(directory, 128);
      writeFileSync(path, Buffer.concat([header, directory, Buffer.alloc(4096, 0x5a)]));
      return path;
    },
    /^工作簿设置了打开密码/,
  ],
  [
    "an old .xls renamed .xlsx",
    () => {
      const path = join(dir, "old.xlsx");
      const header = Buffer.alloc(512);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
      writeFileSync(path, Buffer.concat([header, Buffer.from("Workbook", "utf16le"), Buffer.alloc(2048)]));
      return path;
    },
    /^这是旧版 Excel 97-2003/,
  ],
];

describe("inputs that are not a usable workbook: exit 2, one line, input unchanged", () => {
  it.each(inputs)("%s", async (_label, make, pattern) => {
    const path = make();
    const hash = (() => {
      try {
        return sha256(path);
      } catch {
        return null; // missing or a folder
      }
    })();
    for (const argv of [
      ["evaluate", path],
      ["evaluate", path, "--format", "text"],
      ["evaluate", path, "--out", join(dir, "out.xlsx")],
    ]) {
      expectOneLineRefusal(await cli(argv), pattern);
    }
    if (hash !== null) expect(sha256(path)).toBe(hash);
  });

  (runningAsRoot ? it.skip : it)("a file without read permission (not runnable as root)", async () => {
    const path = join(dir, "secret.xlsx");
    copyFileSync(SAMPLE, path);
    chmodSync(path, 0o000);
    expectOneLineRefusal(await cli(["evaluate", path]), /^没有权限读取文件/);
  });

  it("maps a permission error to its own message (the unit behind the case root cannot produce)", () => {
    expect(problemFromFsError(Object.assign(new Error("x"), { code: "EACCES" }))).toBe("unreadable");
    expect(problemFromFsError(Object.assign(new Error("x"), { code: "EPERM" }))).toBe("unreadable");
    expect(readProblemMessage("unreadable", "a.xlsx")).toEqual({
      zh: "没有权限读取文件：a.xlsx",
      en: "No permission to read the file: a.xlsx",
    });
  });
});

describe("--out paths that cannot be written: exit 2, one line, input unchanged, nothing written", () => {
  const outs: [string, () => string, RegExp][] = [
    [
      "an existing directory named like a workbook",
      () => {
        const path = join(dir, "out-folder.xlsx");
        mkdirSync(path, { recursive: true });
        return path;
      },
      /^--out 指向一个文件夹/,
    ],
    [
      "a path under a regular file (its parent is not a folder)",
      () => {
        const file = join(dir, "plain.txt");
        writeFileSync(file, "not a folder");
        return join(file, "sub", "out.xlsx");
      },
      /^--out 的路径不可用/,
    ],
    ["not an .xlsx name", () => join(dir, "report.csv"), /^--out 的文件名应以 \.xlsx 结尾/],
    ["the input itself", () => join(dir, "台账.xlsx"), /^--out 不能是输入文件本身/],
  ];

  it.each(outs)("%s", async (_label, make, pattern) => {
    const input = join(dir, "台账.xlsx");
    copyFileSync(SAMPLE, input);
    const hash = sha256(input);
    const out = make();
    expectOneLineRefusal(await cli(["evaluate", input, "--today", "2025-03-31", "--out", out]), pattern);
    expect(sha256(input)).toBe(hash);
  });
});
