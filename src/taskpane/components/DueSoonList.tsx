/**
 * 临期事项: the unfinished items whose deadline is at most `dueSoonDays` away, soonest first — 序号,
 * 责任单位 and the days left, each a link that selects the item's row in the ledger.
 */
import { Link, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetter } from "../../core/grid";
import type { DueSoonEntry } from "../../core/types";
import { useStrings } from "../i18n-context";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  // The words say how many days are left; a neutral colour keeps them readable (axe colour-contrast) in every theme.
  days: { fontWeight: tokens.fontWeightSemibold, marginLeft: tokens.spacingHorizontalS },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export function DueSoonList({
  entries,
  days,
  ledgerSheet,
  firstCol,
  onSelect,
}: {
  readonly entries: readonly DueSoonEntry[];
  /** The setting the list was made with (距整改时限多少天以内). */
  readonly days: number;
  readonly ledgerSheet: string;
  /** The ledger's first column: where a row's link lands. */
  readonly firstCol: number;
  readonly onSelect: (sheet: string, address: string) => void;
}) {
  const styles = useStyles();
  const { t } = useStrings();
  if (entries.length === 0) return <p className={styles.intro}>{t("dueSoonNone", { days })}</p>;
  return (
    <>
      <p className={styles.intro}>{t("dueSoonIntro", { n: entries.length, days })}</p>
      <ul className={styles.list} data-testid="due-soon-list">
        {entries.map((entry) => (
          <li key={entry.row}>
            <Link as="button" onClick={() => onSelect(ledgerSheet, `${columnLetter(firstCol)}${entry.row}`)}>
              {entry.seq ? `${entry.seq}` : t("dueSoonRow", { row: entry.row })}
              {entry.unit ? ` · ${entry.unit}` : ""}
            </Link>
            <span className={styles.days}>
              {entry.dueInDays === 0 ? t("dueSoonToday") : t("dueSoonDaysLeft", { n: entry.dueInDays })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
