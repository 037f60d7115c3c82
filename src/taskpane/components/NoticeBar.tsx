/** A message shown beside what the user just did, with a link to the sheet it names. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { useStrings } from "../i18n-context";

export interface Notice {
  readonly intent: "success" | "error" | "warning" | "info";
  readonly text: string;
  /** A sheet the message names, offered as a link that selects it. */
  readonly openSheet?: string;
}

export function NoticeBar({
  notice,
  place,
  onOpenSheet,
}: {
  readonly notice: Notice | undefined;
  /** Where the message stands (`data-place`), for the tests that hold it beside its button. */
  readonly place: string;
  readonly onOpenSheet: (sheet: string) => void;
}) {
  const { t } = useStrings();
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"} data-place={place}>
      <MessageBarBody>{notice.text}</MessageBarBody>
      {notice.openSheet && (
        <MessageBarActions>
          <Button size="small" onClick={() => onOpenSheet(notice.openSheet ?? "")}>
            {t("openSheet", { sheet: notice.openSheet })}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
