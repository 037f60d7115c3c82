/**
 * 表头在第 N 行; field → column, plainly; 修改对应关系 opens the editor. A field the user set to 无此列
 * is listed as such, so the choice can be seen (and undone) rather than the field disappearing.
 */
import { useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetter } from "../../core/grid";
import type { ColumnMapping } from "../../core/settings";
import { FIELD_KEYS, type LedgerLayout } from "../../core/types";
import { fieldName } from "../i18n";
import { useStrings } from "../i18n-context";
import { MappingEditor } from "./MappingEditor";

const useStyles = makeStyles({
  facts: { margin: 0, color: tokens.colorNeutralForeground2 },
  table: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalS} 0`,
  },
  term: { color: tokens.colorNeutralForeground2 },
  definition: { margin: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

export function LayoutSection({
  layout,
  mapping,
  busy,
  onSave,
}: {
  readonly layout: LedgerLayout;
  readonly mapping: ColumnMapping;
  readonly busy: boolean;
  readonly onSave: (mapping: ColumnMapping) => void;
}) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [editing, setEditing] = useState(false);
  const listed = FIELD_KEYS.filter((field) => layout.columns[field] !== undefined || mapping.columns[field] === null);

  return (
    <div>
      <p className={styles.facts}>
        {t("headerRowIs", { row: layout.headerRow })}
        {t("listSeparator")}
        {t("dataRows", { first: layout.firstRow, last: layout.lastRow })}
      </p>
      {editing ? (
        <MappingEditor
          headerRow={layout.headerRow}
          headers={layout.headers}
          detected={layout.columns}
          mapping={mapping}
          busy={busy}
          onSave={(next) => {
            setEditing(false);
            onSave(next);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <dl className={styles.table}>
            {listed.map((field) => {
              const col = layout.columns[field];
              const byHand = col === undefined || layout.userMapped.includes(field) ? t("userMappedMark") : "";
              return (
                <div key={field} style={{ display: "contents" }}>
                  <dt className={styles.term}>{fieldName(field, lang)}</dt>
                  <dd className={styles.definition} data-field={field}>
                    {col === undefined
                      ? t("fieldHasNoColumn")
                      : t("columnOption", { letter: columnLetter(col), header: layout.headers[col] ?? "" })}
                    {byHand}
                  </dd>
                </div>
              );
            })}
          </dl>
          <Button size="small" disabled={busy} onClick={() => setEditing(true)}>
            {t("editMapping")}
          </Button>
        </>
      )}
    </div>
  );
}
