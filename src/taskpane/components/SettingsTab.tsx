/** 设置 as a tab: the settings form under its heading, with the save's message beneath it. */
import type { ReactNode } from "react";
import { Subtitle2 } from "@fluentui/react-components";
import type { Settings } from "../../core/settings";
import { useStrings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";
import { SettingsPanel } from "./SettingsPanel";

export function SettingsTab({
  settings,
  sheets,
  busy,
  onSave,
  notice,
}: {
  readonly settings: Settings;
  readonly sheets: readonly string[];
  readonly busy: boolean;
  readonly onSave: (settings: Settings) => Promise<boolean>;
  /** The message about the last save (its error, beside the form). */
  readonly notice: ReactNode;
}) {
  const styles = usePaneStyles();
  const { t } = useStrings();
  return (
    <section className={styles.section} aria-labelledby="settings-heading">
      <Subtitle2 as="h2" id="settings-heading" className={styles.heading}>
        {t("settingsHeading")}
      </Subtitle2>
      <SettingsPanel settings={settings} sheets={sheets} busy={busy} onSave={onSave} />
      {notice}
    </section>
  );
}
