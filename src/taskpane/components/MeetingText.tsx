/**
 * The meeting text (通报稿) under the results, with a button that copies it. The paragraph comes from
 * the core (`toMeetingText`) and the same result the tiles and rates show.
 *
 * Copying: the Clipboard API first; an Office pane's frame may not be granted `clipboard-write`, so
 * then the older `execCommand("copy")` over the paragraph's selected text; when both fail the text
 * stays selected and the pane says to press Ctrl+C.
 */
import { useRef, useState } from "react";
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { toMeetingText } from "../../core/report/meeting-text";
import type { EvaluationResult } from "../../core/types";
import { useStrings } from "../i18n-context";

const useStyles = makeStyles({
  text: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: "text",
    lineHeight: tokens.lineHeightBase400,
  },
  hint: { color: tokens.colorNeutralForeground2 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Selects the element's text, so Ctrl+C (or `execCommand("copy")`) copies exactly it. */
function selectContents(element: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Copies `text`; true when some way worked. */
export async function copyText(text: string, element: HTMLElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Not granted in this frame: fall through to the selection.
  }
  if (!element) return false;
  selectContents(element);
  try {
    return typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    return false;
  }
}

export function MeetingText({ result }: { readonly result: EvaluationResult }) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const paragraph = useRef<HTMLParagraphElement>(null);
  const [copied, setCopied] = useState<null | "copied" | "failed">(null);
  const text = toMeetingText(result, lang);

  const copy = async () => {
    const done = await copyText(text, paragraph.current);
    if (!done && paragraph.current) selectContents(paragraph.current);
    setCopied(done ? "copied" : "failed");
  };

  return (
    <>
      <Text size={200} className={styles.hint}>
        {t("meetingTextHint")}
      </Text>
      <p ref={paragraph} className={styles.text} data-testid="meeting-text">
        {text}
      </p>
      <div className={styles.row}>
        <Button onClick={() => void copy()}>{t("copyMeetingText")}</Button>
      </div>
      {copied && (
        <MessageBar intent={copied === "copied" ? "success" : "warning"} role="status">
          <MessageBarBody>{copied === "copied" ? t("meetingTextCopied") : t("meetingTextCopyFailed")}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
