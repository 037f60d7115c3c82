/**
 * 红灯 N · 黄灯 N · 绿灯 N · 已销号 N · 待补充 N — the counts by light, in the colours the ledger rows
 * get (Excel's own bad/neutral/good fills, SPEC §8) with Excel's matching text colours, so the pane
 * and the sheet agree at a glance. These four are the only hard-coded colours in the pane.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { LIGHT_FILLS } from "../../core/plan/marks-plan";
import type { Light } from "../../core/types";
import { LIGHT_ORDER } from "../../core/vocabulary";
import { lightName } from "../i18n";
import { useStrings } from "../i18n-context";

/** Excel's text colours for its Bad / Neutral / Good cell styles; grey text on the closed fill. */
const LIGHT_TEXT: Readonly<Record<Exclude<Light, "none">, string>> = {
  red: "#9C0006",
  yellow: "#9C5700",
  green: "#006100",
  closed: "#3B3B3B",
};

const useStyles = makeStyles({
  list: {
    display: "grid",
    // One row of five even in a 300 px pane: the counts read as one line, like the sheet's legend.
    gridTemplateColumns: "repeat(5, minmax(0, 1fr))",
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  /**
   * English names (Closed out, Incomplete) are wider than a fifth of a 300 px pane: the tiles flow
   * onto a second row instead of clipping their names.
   */
  listLatin: { gridTemplateColumns: "repeat(auto-fill, minmax(5.5rem, 1fr))" },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    minWidth: 0,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  none: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
  count: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  label: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: "nowrap",
  },
});

export function LightBadges({ byLight }: { readonly byLight: Readonly<Record<Light, number>> }) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  return (
    <ul className={mergeClasses(styles.list, lang === "en" && styles.listLatin)} aria-label={t("lightCountsLabel")}>
      {LIGHT_ORDER.map((light) => {
        const fill = LIGHT_FILLS[light];
        const colours = light === "none" || !fill ? undefined : { backgroundColor: fill, color: LIGHT_TEXT[light] };
        return (
          <li
            key={light}
            className={mergeClasses(styles.item, light === "none" && styles.none)}
            style={colours}
            data-light={light}
          >
            <span className={styles.label}>{lightName(light, lang)}</span>
            <span className={styles.count}>{byLight[light]}</span>
          </li>
        );
      })}
    </ul>
  );
}
