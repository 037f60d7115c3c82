/** `split LEDGER.xlsx [--sheet NAME] --by unit|source|owner|category --outdir DIR`, parsed strictly. */
import type { Message } from "../../core/types";
import { parseFlags } from "../flags";

export type SplitField = "unit" | "source" | "owner" | "category";
const SPLIT_FIELDS: readonly SplitField[] = ["unit", "source", "owner", "category"];

export interface SplitCommand {
  readonly file: string;
  readonly sheet: string | null;
  readonly by: SplitField;
  readonly outdir: string;
}

export const SPLIT_USAGE =
  "用法 / Usage: split LEDGER.xlsx [--sheet NAME] --by unit|source|owner|category --outdir DIR";

export const SPLIT_HELP = [
  "把一本台账按责任单位（或来源单位、责任人、问题类别）拆成多个工作簿，表头原样保留",
  "Split a ledger into one workbook per unit (or source unit, owner, category), header kept as it is",
  "",
  SPLIT_USAGE,
  "",
  "  --sheet NAME   台账所在工作表（默认：问题总台账，否则第一个含台账的工作表）/ the ledger's sheet",
  "  --by FIELD     unit 责任单位 · source 来源单位（combine 写出的问题总台账）· owner 责任人 · category 问题类别",
  "  --outdir DIR   输出文件夹（不存在则创建；同名文件会被覆盖）/ output folder (created if missing; same-named files replaced)",
].join("\n");

export type SplitParse =
  { readonly ok: true; readonly command: SplitCommand } | { readonly ok: false; readonly message: Message };

export function parseSplitArgs(args: readonly string[]): SplitParse {
  const parsed = parseFlags(args, ["--sheet", "--by", "--outdir"] as const);
  if (!parsed.ok) return parsed;
  const fail = (zh: string, en: string): SplitParse => ({ ok: false, message: { zh, en } });
  const { positional, values } = parsed;
  if (positional.length === 0) return fail("缺少台账文件", "Missing the ledger file");
  if (positional.length > 1)
    return fail(`只能拆分一个文件，收到 ${positional.length} 个`, `One file at a time, got ${positional.length}`);
  const by = values.get("--by");
  if (by === undefined)
    return fail("缺少 --by（unit、source、owner 或 category）", "Missing --by (unit, source, owner or category)");
  if (!(SPLIT_FIELDS as readonly string[]).includes(by))
    return fail(
      `--by 只能是 unit、source、owner 或 category：${by}`,
      `--by must be unit, source, owner or category: ${by}`,
    );
  const outdir = values.get("--outdir");
  if (outdir === undefined) return fail("缺少 --outdir（输出文件夹）", "Missing --outdir (the output folder)");
  return {
    ok: true,
    command: { file: positional[0] ?? "", sheet: values.get("--sheet") ?? null, by: by as SplitField, outdir },
  };
}
