/** The pane's title bar: the icon, the product's name and what it does. */
import { Text, Title3, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import iconUrl from "../../../assets/icon-32.png";
import { useStrings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  titles: { display: "flex", flexDirection: "column", minWidth: 0 },
  tagline: { color: tokens.colorNeutralForeground3 },
});

export function Header() {
  const styles = { ...usePaneStyles(), ...useStyles() };
  const { t } = useStrings();
  return (
    <header className={styles.header}>
      <img src={iconUrl} alt="" width={32} height={32} />
      <div className={styles.titles}>
        <Title3 as="h1" className={styles.heading}>
          {t("productName")}
        </Title3>
        <Text size={200} className={mergeClasses(styles.tagline, styles.keepWords)}>
          {t("productTagline")}
        </Text>
      </div>
    </header>
  );
}
