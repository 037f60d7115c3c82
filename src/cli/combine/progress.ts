/**
 * Progress on stderr while files are checked: one line redrawn in place on a terminal
 * (`已检查 37/200 个文件 [███…]`), one plain line per file otherwise (a log keeps every line, and a
 * carriage return there is noise).
 */
const BAR_WIDTH = 24;

export interface Progress {
  readonly fileDone: (file: string, ok: boolean) => void;
  readonly finish: () => void;
}

export function progressReporter(total: number, write: (text: string) => void, isTty: boolean): Progress {
  let done = 0;
  return {
    fileDone(file, ok) {
      done++;
      const count = `已检查 ${done}/${total} 个文件`;
      if (isTty) {
        const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
        write(`\r${count} [${"█".repeat(filled)}${"·".repeat(BAR_WIDTH - filled)}] / checked ${done} of ${total}`);
      } else {
        write(`${count} / checked ${done} of ${total}: ${file}${ok ? "" : "（未能读取 / unreadable）"}\n`);
      }
    },
    finish() {
      if (isTty && done > 0) write("\n");
    },
  };
}
