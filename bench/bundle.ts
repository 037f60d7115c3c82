/** Size of the task pane's initial JavaScript in the production build (dist/): the scripts taskpane.html loads. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleFigures {
  readonly files: readonly string[];
  readonly initialRawBytes: number;
  readonly initialGzipBytes: number;
}

export function measureBundle(repo: string): BundleFigures {
  const html = join(repo, "dist", "taskpane.html");
  if (!existsSync(html)) throw new Error("dist/taskpane.html is missing: run `npm run build` before `npm run bench`");
  const page = readFileSync(html, "utf8");
  // Our own scripts only: office.js comes from Microsoft's CDN (or the self-hosted copy) and is not ours to budget.
  // The minified page may leave attribute values unquoted.
  const files = [...page.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3]) as string)
    .filter((src) => !/^https?:/.test(src) && !src.includes("office-js/"));
  let initialRawBytes = 0;
  let initialGzipBytes = 0;
  for (const src of files) {
    const bytes = readFileSync(join(repo, "dist", src.replace(/^\.?\//, "").split("?")[0] as string));
    initialRawBytes += bytes.length;
    initialGzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, initialRawBytes, initialGzipBytes };
}
