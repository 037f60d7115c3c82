/** 清除标记: asks first in an alert dialog saying what goes, then says what it removed beneath the button. */
import { useState, type ReactNode } from "react";
import {
  Button,
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
  /** Called once the user has confirmed. */
  readonly onClear: () => void;
  /** What the last clear removed, or its error. */
  readonly notice: ReactNode;
}) {
  const styles = usePaneStyles();
  const { t } = useStrings();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <section className={styles.section}>
        <div className={styles.row}>
          <Button appearance="subtle" disabled={busy} onClick={() => setConfirming(true)}>
            {clearing ? t("clearingMarks") : t("clearMarks")}
          </Button>
        </div>
        {notice}
      </section>
      <Dialog modalType="alert" open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t("clearConfirmTitle")}</DialogTitle>
            <DialogContent>{t("clearConfirmText")}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  setConfirming(false);
                  onClear();
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
