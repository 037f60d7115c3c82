/** The layout the pane's screens share: sections, their headings, rows of buttons, hints. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const usePaneStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground2 },
  /** Short labels (当前工作表, 指定工作表) wrap between words, never inside one. */
  keepWords: { wordBreak: "keep-all", overflowWrap: "normal" },
  heading: { margin: 0 },
});
