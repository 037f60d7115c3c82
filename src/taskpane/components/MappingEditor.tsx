/**
 * The header row and field → column mapping, shown plainly and editable (SPEC §2: "the user can
 * pick the header row and map columns by hand"; "a column the user mapped by hand is remembered in
 * the workbook and wins over detection next time").
 *
 * Each field offers: 自动识别 (leave it to detection; not stored), 无此列 (stored as null: "this
 * ledger has no such column"), or a column of the header row. Only choices other than 自动识别 are
 * written to `settings.mapping`, so the workbook records exactly what the user decided.
 *
 * Compact by default: only the fields that have a column (detected or chosen) or a stored choice
 * (无此列 included) are listed, one line each; the rest wait behind 显示全部字段. A field the user
 * touches stays listed while the editor is open, whatever it is set to. With nothing detected (no
 * ledger found), the fields the checks lean on most are listed. The buttons stick to the bottom of
 * the pane, so Save is in sight however far the list runs.
 */
import { Fragment, useMemo, useState } from "react";
import { Button, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetter, columnNumber } from "../../core/grid";
import type { ColumnMapping } from "../../core/settings";
import { FIELD_KEYS, type FieldKey } from "../../core/types";
import { fieldName } from "../i18n";
import { useStrings } from "../i18n-context";

/** The first of the optional columns (extensions, then amounts): the editor lists them under a heading of their own. */
const FIRST_OPTIONAL_FIELD: FieldKey = "originalDeadline";

/**
 * Listed when nothing was detected: the fields the required-field, deadline and close-out checks
 * read, so a ledger the detection missed can be mapped without opening all of them.
 */
const ESSENTIAL_FIELDS: readonly FieldKey[] = [
  "seq",
  "description",
  "measures",
  "unit",
  "owner",
  "deadline",
  "status",
  "completed",
  "closed",
  "evidence",
];

/** "auto" = detection decides; "none" = no such column; otherwise a column letter. */
export type ColumnChoice = "auto" | "none" | string;

export interface HeaderRowChoice {
  readonly row: number;
  /** Header texts from column A (texts[0] is column A). */
  readonly texts: readonly string[];
}

export interface MappingEditorProps {
  /** The header row the editor starts on. */
  readonly headerRow: number;
  /** Sheet column → header text of `headerRow` (used when `rowChoices` is absent). */
  readonly headers: Readonly<Record<number, string>>;
  /** When given (no ledger found), the header row is picked from these rows and their texts become the options. */
  readonly rowChoices?: readonly HeaderRowChoice[];
  /** What detection found, to show next to 自动识别. */
  readonly detected: Partial<Record<FieldKey, number>>;
  readonly mapping: ColumnMapping;
  readonly busy: boolean;
  readonly onSave: (mapping: ColumnMapping) => void;
  readonly onCancel?: () => void;
}

/** The choices the editor starts with: the user's stored ones, else 自动识别. */
export function initialChoices(mapping: ColumnMapping): Record<FieldKey, ColumnChoice> {
  const choices = {} as Record<FieldKey, ColumnChoice>;
  for (const field of FIELD_KEYS) {
    const stored = mapping.columns[field];
    choices[field] = stored === undefined ? "auto" : stored === null ? "none" : stored;
  }
  return choices;
}

/** The mapping to store: the choices other than 自动识别, and the header row when the user changed it. */
export function mappingFromChoices(
  choices: Readonly<Record<FieldKey, ColumnChoice>>,
  headerRow: number | null,
): ColumnMapping {
  const columns: ColumnMapping["columns"] = {};
  for (const field of FIELD_KEYS) {
    const choice = choices[field];
    if (choice === "auto") continue;
    columns[field] = choice === "none" ? null : choice;
  }
  return { headerRow, columns };
}

/**
 * The fields the compact editor lists: those detected or given a choice (无此列 too), those the user
 * touched, else (nothing detected) the essential ones; all of them with `showAll`.
 */
export function listedFields(
  detected: Partial<Record<FieldKey, number>>,
  initial: Readonly<Record<FieldKey, ColumnChoice>>,
  touched: ReadonlySet<FieldKey>,
  showAll: boolean,
): FieldKey[] {
  if (showAll) return [...FIELD_KEYS];
  const known = (field: FieldKey) => detected[field] !== undefined || initial[field] !== "auto" || touched.has(field);
  const anyDetected = FIELD_KEYS.some((field) => detected[field] !== undefined);
  return FIELD_KEYS.filter((field) => known(field) || (!anyDetected && ESSENTIAL_FIELDS.includes(field)));
}

/** Column → header text for one preview row (texts[0] is column A); blank headers are left out. */
export function headersFromTexts(texts: readonly string[]): Record<number, string> {
  const headers: Record<number, string> = {};
  texts.forEach((text, i) => {
    if (text.trim() !== "") headers[i + 1] = text.trim();
  });
  return headers;
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  fields: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: tokens.spacingVerticalXS,
  },
  groupHeading: { marginTop: tokens.spacingVerticalS },
  more: { alignSelf: "flex-start" },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
    position: "sticky",
    bottom: 0,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function MappingEditor(props: MappingEditorProps) {
  const { headers, rowChoices, detected, mapping, busy, onSave, onCancel } = props;
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [headerRow, setHeaderRow] = useState<number>(props.headerRow);
  const [rowText, setRowText] = useState<string>(String(props.headerRow));
  const [initial] = useState<Record<FieldKey, ColumnChoice>>(() => initialChoices(mapping));
  const [choices, setChoices] = useState<Record<FieldKey, ColumnChoice>>(initial);
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const listed = listedFields(detected, initial, touched, showAll);

  const options = useMemo(() => {
    if (!rowChoices) return headers;
    return headersFromTexts(rowChoices.find((choice) => choice.row === headerRow)?.texts ?? []);
  }, [headers, rowChoices, headerRow]);
  const columns = Object.keys(options)
    .map(Number)
    .sort((a, b) => a - b);

  const rowValid = Number.isInteger(headerRow) && headerRow >= 1;
  const save = () => {
    // A header row picked by hand (or changed) is stored; otherwise the stored one stays.
    const chosenRow = rowChoices || headerRow !== props.headerRow ? headerRow : mapping.headerRow;
    onSave(mappingFromChoices(choices, chosenRow));
  };

  return (
    <div className={styles.form}>
      {rowChoices ? (
        <Field label={t("headerRowPickerLabel")}>
          <Select value={String(headerRow)} onChange={(_, data) => setHeaderRow(Number(data.value))}>
            {rowChoices.map((choice) => {
              const texts = choice.texts.filter((text) => text.trim() !== "").join(" | ");
              return (
                <option key={choice.row} value={String(choice.row)}>
                  {t("headerRowOption", { row: choice.row, texts: texts || t("headerRowEmpty") })}
                </option>
              );
            })}
          </Select>
        </Field>
      ) : (
        <Field label={t("headerRowLabel")} validationState={rowValid ? "none" : "error"}>
          <Input
            type="number"
            min={1}
            value={rowText}
            onChange={(_, data) => {
              setRowText(data.value);
              setHeaderRow(Number(data.value));
            }}
          />
        </Field>
      )}
      <div className={styles.fields}>
        {listed.map((field, index) => {
          const found = detected[field];
          const autoLabel = found ? t("autoColumnFound", { column: columnLetter(found) }) : t("autoColumn");
          return (
            <Fragment key={field}>
              {FIELD_KEYS.indexOf(field) >= FIELD_KEYS.indexOf(FIRST_OPTIONAL_FIELD) &&
                (index === 0 ||
                  FIELD_KEYS.indexOf(listed[index - 1] as FieldKey) < FIELD_KEYS.indexOf(FIRST_OPTIONAL_FIELD)) && (
                  <Text weight="semibold" className={styles.groupHeading}>
                    {t("mappingOptionalHeading")}
                  </Text>
                )}
              <Field
                label={t("fieldColumnLabel", { field: fieldName(field, lang) })}
                size="small"
                orientation="horizontal"
              >
                <Select
                  size="small"
                  value={choices[field]}
                  data-field={field}
                  onChange={(_, data) => {
                    setChoices({ ...choices, [field]: data.value });
                    setTouched(new Set(touched).add(field));
                  }}
                >
                  <option value="auto">{autoLabel}</option>
                  <option value="none">{t("noColumn")}</option>
                  {columns.map((col) => (
                    <option key={col} value={columnLetter(col)}>
                      {t("columnOption", { letter: columnLetter(col), header: options[col] ?? "" })}
                    </option>
                  ))}
                  {/* A stored column that the current header row does not name stays selectable. */}
                  {choices[field] !== "auto" &&
                    choices[field] !== "none" &&
                    !columns.includes(columnNumber(choices[field]) ?? -1) && (
                      <option value={choices[field]}>{t("columnLetterOnly", { letter: choices[field] })}</option>
                    )}
                </Select>
              </Field>
            </Fragment>
          );
        })}
      </div>
      {listed.length < FIELD_KEYS.length ? (
        <Button appearance="subtle" size="small" className={styles.more} onClick={() => setShowAll(true)}>
          {t("showAllFields", { n: FIELD_KEYS.length - listed.length })}
        </Button>
      ) : (
        showAll && (
          <Button appearance="subtle" size="small" className={styles.more} onClick={() => setShowAll(false)}>
            {t("showMappedFields")}
          </Button>
        )
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || !rowValid} onClick={save}>
          {t("saveMapping")}
        </Button>
        <Button disabled={busy} onClick={() => onSave({ headerRow: null, columns: {} })}>
          {t("resetMapping")}
        </Button>
        {onCancel && (
          <Button appearance="subtle" disabled={busy} onClick={onCancel}>
            {t("cancel")}
          </Button>
        )}
      </div>
    </div>
  );
}
