/**
 * Strict `--flag value` / `--flag=value` parsing for every subcommand (`evaluate`, `combine`, `split`):
 * an unknown flag, a flag without its value or given twice is an error, never ignored — a batch
 * script with a typo must not get a report on the wrong files.
 */
import type { Message } from "../core/types";

export type FlagParse<F extends string> =
  | { readonly ok: true; readonly positional: readonly string[]; readonly values: ReadonlyMap<F, string> }
  | { readonly ok: false; readonly message: Message };

export function parseFlags<F extends string>(args: readonly string[], flags: readonly F[]): FlagParse<F> {
  const isFlag = (s: string): s is F => (flags as readonly string[]).includes(s);
  const fail = (zh: string, en: string): FlagParse<F> => ({ ok: false, message: { zh, en } });
  const positional: string[] = [];
  const values = new Map<F, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!isFlag(flag)) return fail(`未知选项：${flag}`, `Unknown option: ${flag}`);
    if (values.has(flag)) return fail(`选项重复：${flag}`, `Option given twice: ${flag}`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      // `--sheet --today` is a missing value, not a sheet named "--today".
      if (value === undefined || (value.startsWith("--") && value.length > 2)) {
        return fail(`选项 ${flag} 缺少取值`, `Option ${flag} needs a value`);
      }
      i++;
    }
    if (value === "") return fail(`选项 ${flag} 缺少取值`, `Option ${flag} needs a value`);
    values.set(flag, value);
  }
  return { ok: true, positional, values };
}
