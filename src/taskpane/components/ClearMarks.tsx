/**
 * 清除标记: asks first in an alert dialog saying what goes — the recorded periods (评估记录) stay unless
 * the user ticks 也清除评估记录 there — then says what it removed beneath the button.
 */
import { useState, type ReactNode } from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useStrings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";

export function ClearMarks({
  busy,
  clearing,
  onClear,
  notice,
}: {
  readonly busy: boolean;
  /** True while the marks are being removed. */
  readonly clearing: boolean;
  /** Called once the user has confirmed; `history`: the user ticked 也清除评估记录. */
  readonly onClear: (history: boolean) => void;
  /** What the last clear removed, or its error. */
  readonly notice: ReactNode;
}) {
  const styles = usePaneStyles();
  const { t } = useStrings();
  const [confirming, setConfirming] = useState(false);
  const [alsoHistory, setAlsoHistory] = useState(false);
  const open = () => {
    // Unticked each time: removing the periods is never carried over from an earlier clear.
    setAlsoHistory(false);
    setConfirming(true);
  };
  return (
    <>
      <section className={styles.section}>
        <div className={styles.row}>
          <Button appearance="subtle" disabled={busy} onClick={open}>
            {clearing ? t("clearingMarks") : t("clearMarks")}
          </Button>
        </div>
        {notice}
      </section>
      <Dialog modalType="alert" open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t("clearConfirmTitle")}</DialogTitle>
            <DialogContent>
              <p>{t("clearConfirmText")}</p>
              <Checkbox
                checked={alsoHistory}
                onChange={(_, data) => setAlsoHistory(data.checked === true)}
                label={t("clearHistoryOption")}
              />
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  setConfirming(false);
                  onClear(alsoHistory);
                }}
              >
                {t("clearMarks")}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t("cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
