/** The error in the user's language; for "no ledger", the header-row picker over the host's preview. */
import { useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ColumnMapping, Settings } from "../../core/settings";
import type { HostError } from "../../core/host";
import { pick } from "../i18n";
import { useStrings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";
import { MappingEditor } from "./MappingEditor";

export function FailurePanel({
  error,
  settings,
  busy,
  onSave,
  ledgerElsewhere,
  onEvaluateSheet,
}: {
  readonly error: HostError;
  readonly settings: Settings;
  readonly busy: boolean;
  readonly onSave: (mapping: ColumnMapping) => Promise<void>;
  /** Another sheet that holds a ledger: offered first, the header-row picker behind a button. */
  readonly ledgerElsewhere: string | null;
  readonly onEvaluateSheet: (sheet: string) => void;
}) {
  const styles = usePaneStyles();
  const { lang, t } = useStrings();
  const [mapByHand, setMapByHand] = useState(false);
  const preview = error.code === "no-ledger" ? error.preview : undefined;
  const rows = preview?.rows ?? [];
  const best = error.failure?.reason === "no-header" ? error.failure.bestRow : null;
  const startRow =
    best ?? settings.mapping.headerRow ?? rows.find((r) => r.texts.some((text) => text.trim()))?.row ?? 1;
  return (
    <section className={styles.section}>
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{error.code === "no-ledger" ? t("noLedgerTitle") : t("errorTitle")}</MessageBarTitle>
          {pick(error.message, lang)}
        </MessageBarBody>
      </MessageBar>
      {ledgerElsewhere !== null && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("ledgerElsewhere", { sheet: ledgerElsewhere })}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" size="small" disabled={busy} onClick={() => onEvaluateSheet(ledgerElsewhere)}>
              {t("checkThatSheet")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {rows.length > 0 && ledgerElsewhere !== null && !mapByHand && (
        <div className={styles.row}>
          <Button appearance="subtle" onClick={() => setMapByHand(true)}>
            {t("mapByHand", { sheet: preview?.sheet ?? "" })}
          </Button>
        </div>
      )}
      {rows.length > 0 && (ledgerElsewhere === null || mapByHand) && (
        <MappingEditor
          headerRow={rows.some((r) => r.row === startRow) ? startRow : (rows[0]?.row ?? 1)}
          headers={{}}
          rowChoices={rows}
          detected={{}}
          mapping={settings.mapping}
          busy={busy}
          onSave={(mapping) => void onSave(mapping)}
        />
      )}
    </section>
  );
}
