/**
 * The preview page's file bar, above the pane: open a `.xlsx` of one's own (read in this browser
 * only) and save the result as `.xlsx`. Preview-only: the add-in in Excel has no such bar (Excel
 * opens and saves the workbook). Its texts show both languages (see ./file.ts).
 */
import { useId, useState, type ChangeEvent } from "react";
import { Button, FluentProvider, makeStyles, tokens } from "@fluentui/react-components";
import type { Message } from "../core/types";
import { PREVIEW_FILE_TEXT, type PickedFile } from "./file";
import { THEMES, type ThemeName } from "../taskpane/theme";

export interface FileBarStatus {
  readonly kind: "info" | "error";
  readonly message: Message;
}

export interface PreviewFileBarProps {
  readonly theme: ThemeName;
  /** Opens the picked file in place of the workbook shown; says how it went. */
  readonly onOpen: (file: PickedFile) => Promise<FileBarStatus>;
  /** Saves the workbook shown as .xlsx; says how it went. */
  readonly onSave: () => Promise<FileBarStatus>;
}

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  input: { maxWidth: "100%", color: tokens.colorNeutralForeground1 },
  label: { fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  button: { alignSelf: "flex-start", maxWidth: "100%" },
});

const both = (message: Message) => `${message.zh} / ${message.en}`;

export function PreviewFileBar({ theme, onOpen, onSave }: PreviewFileBarProps) {
  const styles = useStyles();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<FileBarStatus>({ kind: "info", message: PREVIEW_FILE_TEXT.sample });

  const act = async (work: () => Promise<FileBarStatus>, pending: Message) => {
    setBusy(true);
    setStatus({ kind: "info", message: pending });
    try {
      setStatus(await work());
    } catch (error) {
      setStatus({
        kind: "error",
        message: {
          zh: `出现意外错误：${String(error)}。仍显示原来的工作簿。`,
          en: `Unexpected error: ${String(error)}. The previous workbook is still shown.`,
        },
      });
    } finally {
      setBusy(false);
    }
  };

  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void act(() => onOpen(file), PREVIEW_FILE_TEXT.reading).finally(() => {
      // The same file picked again (after changing it on disk) must be read again.
      input.value = "";
    });
  };

  return (
    <FluentProvider theme={THEMES[theme]}>
      <section className={styles.bar} aria-label={both(PREVIEW_FILE_TEXT.region)}>
        <label htmlFor={inputId} className={styles.label}>
          {both(PREVIEW_FILE_TEXT.open)}
        </label>
        <input
          id={inputId}
          className={styles.input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={picked}
        />
        <Button className={styles.button} disabled={busy} onClick={() => void act(onSave, PREVIEW_FILE_TEXT.saving)}>
          {both(PREVIEW_FILE_TEXT.save)}
        </Button>
        {/* Errors as an alert (read out at once), the rest as a status. */}
        <div role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? styles.error : ""}>
          <div lang="zh-CN">{status.message.zh}</div>
          <div lang="en">{status.message.en}</div>
        </div>
      </section>
    </FluentProvider>
  );
}
