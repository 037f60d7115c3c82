/**
 * 合并多个单位台账: the user picks the units' ledger files (a multiple file input, .xlsx); each is read
 * and evaluated one at a time off the pane's thread (`combineFile`: the engine's Web Worker, else the
 * pane's thread), with 已检查 n/N 个文件; then the host writes 各单位汇总 and 红黄灯清单 into this
 * workbook. Files never leave the machine: they are read in the page. Where the browser lacks what
 * the .xlsx reader needs (`DecompressionStream`), the section says so instead of offering the button.
 */
import { useRef, useState, type ReactNode } from "react";
import {
  Button,
  Field,
  ProgressBar,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PaneUnitOutcome } from "../../engine-worker/combine-file";
import type { CombineFileRunner } from "../../engine-worker/runner";
import type { LedgerHost } from "../../core/host";
import type { IsoDate } from "../../core/types";
import { pick } from "../i18n";
import { useStrings } from "../i18n-context";
import { usePaneStyles } from "../pane-styles";
import { unexpectedError } from "../use-host-action";
import type { Notice } from "./NoticeBar";

const useStyles = makeStyles({
  /**
   * Columns sized by their content (Fluent's table is `fixed`: four equal columns, which in a 300 px
   * pane wrapped a unit such as XX市交通运输局 every three or four characters): the counts take what
   * their digits and headers need, the unit column all the rest.
   */
  results: { tableLayout: "auto" },
  /** A count: right-aligned in digits of one width, never wrapped, as narrow as it reads (`1%`). */
  number: {
    textAlign: "end",
    whiteSpace: "nowrap",
    width: "1%",
    fontVariantNumeric: "tabular-nums",
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  file: { display: "block", color: tokens.colorNeutralForeground2, wordBreak: "break-all" },
  failed: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  hidden: { display: "none" },
});

type Phase =
  | { readonly kind: "idle" }
  | { readonly kind: "reading"; readonly done: number; readonly total: number }
  | { readonly kind: "writing" };

export interface CombineUnitsProps {
  readonly host: LedgerHost;
  readonly combineFile: CombineFileRunner;
  /** Whether this browser can read .xlsx files (`canInflateRaw`). */
  readonly canRead: boolean;
  /** The pane's evaluation date; null while the date field is invalid. */
  readonly today: IsoDate | null;
  /** Another action of the pane is under way. */
  readonly busy: boolean;
  /** Told when a consolidation starts and ends, so the pane's other buttons wait for it. */
  readonly onRunningChange: (running: boolean) => void;
  /** Shows the outcome beside the section (the pane's notice place), or removes it with null. */
  readonly tell: (notice: Notice | null) => void;
  readonly notice: ReactNode;
}

export function CombineUnits({
  host,
  combineFile,
  canRead,
  today,
  busy,
  onRunningChange,
  tell,
  notice,
}: CombineUnitsProps) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const { lang, t } = useStrings();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [outcomes, setOutcomes] = useState<readonly PaneUnitOutcome[]>([]);
  const running = phase.kind !== "idle";

  const combine = async (files: readonly File[], date: IsoDate) => {
    tell(null);
    setOutcomes([]);
    onRunningChange(true);
    try {
      const done: PaneUnitOutcome[] = [];
      setPhase({ kind: "reading", done: 0, total: files.length });
      // One file at a time: the pane holds one file's bytes, and the progress counts files.
      for (const file of files) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        done.push(await combineFile({ name: file.name, bytes, today: date }));
        setPhase({ kind: "reading", done: done.length, total: files.length });
      }
      setOutcomes(done);
      setPhase({ kind: "writing" });
      let written;
      try {
        written = await host.writeCombinedSheets({ outcomes: done, today: date });
      } catch (error) {
        written = { ok: false as const, error: unexpectedError(error) };
      }
      if (!written.ok) {
        tell({ intent: "error", text: pick(written.error.message, lang) });
        return;
      }
      const { unitsSheet: units, warningsSheet: warnings, renamedFrom } = written.value;
      const failed = done.filter((o) => !o.ok).length;
      const text = t("combineWritten", { units, warnings, read: done.length - failed, failed });
      tell(
        renamedFrom.length > 0
          ? {
              intent: "warning",
              text: `${text}${t("combineRenamed", { wanted: renamedFrom.join(t("listSeparator")), units, warnings })}`,
              openSheet: units,
            }
          : { intent: failed > 0 ? "warning" : "success", text, openSheet: units },
      );
    } catch (error) {
      tell({ intent: "error", text: pick(unexpectedError(error).message, lang) });
    } finally {
      setPhase({ kind: "idle" });
      onRunningChange(false);
    }
  };

  const picked = () => {
    const files = [...(input.current?.files ?? [])];
    // Emptied, so picking the same files again runs again.
    if (input.current) input.current.value = "";
    if (files.length > 0 && today !== null) void combine(files, today);
  };

  const read = outcomes.filter((o) => o.ok && o.summary);
  const failed = outcomes.filter((o) => !o.ok);
  const sum = (of: (o: PaneUnitOutcome) => number) => read.reduce((n, o) => n + of(o), 0);

  return (
    <section className={pane.section} aria-labelledby="combine-heading">
      <Subtitle2 as="h2" id="combine-heading" className={pane.heading}>
        {t("combineHeading")}
      </Subtitle2>
      {!canRead ? (
        <Text size={200} role="note">
          {t("combineNoReader")}
        </Text>
      ) : (
        <>
          <Text size={200} id="combine-hint" className={pane.hint}>
            {t("combineHint")}
          </Text>
          <input
            ref={input}
            type="file"
            multiple
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t("combineFilesLabel")}
            className={styles.hidden}
            disabled={busy || running || today === null}
            onChange={picked}
          />
          <div className={pane.row}>
            <Button
              disabled={busy || running || today === null}
              aria-describedby="combine-hint"
              onClick={() => input.current?.click()}
            >
              {running ? t("combineRunning") : t("combinePick")}
            </Button>
          </div>
          {today === null && (
            <Text size={200} className={pane.hint}>
              {t("todayMissing")}
            </Text>
          )}
        </>
      )}
      {phase.kind === "reading" && (
        <Field validationMessage={t("combineProgress", phase)} validationState="none">
          <ProgressBar
            value={phase.total === 0 ? 0 : phase.done / phase.total}
            max={1}
            aria-label={t("combineProgress", phase)}
          />
        </Field>
      )}
      {phase.kind === "writing" && <Text size={200}>{t("combineWriting")}</Text>}
      {read.length > 0 && (
        <Table size="small" className={styles.results} aria-label={t("combineResultsLabel")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("combineColUnit")}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t("combineColItems")}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t("combineColRed")}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t("combineColYellow")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {read.map((o) => (
              <TableRow key={o.file}>
                <TableCell>
                  {o.unit}
                  <Text size={100} className={styles.file}>
                    {o.file}
                  </Text>
                </TableCell>
                <TableCell className={styles.number}>{o.summary?.items}</TableCell>
                <TableCell className={styles.number}>{o.summary?.byLight.red}</TableCell>
                <TableCell className={styles.number}>{o.summary?.byLight.yellow}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell>{t("combineTotals")}</TableCell>
              <TableCell className={styles.number}>{sum((o) => o.summary?.items ?? 0)}</TableCell>
              <TableCell className={styles.number}>{sum((o) => o.summary?.byLight.red ?? 0)}</TableCell>
              <TableCell className={styles.number}>{sum((o) => o.summary?.byLight.yellow ?? 0)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
      {failed.length > 0 && (
        <>
          <Text weight="semibold">{t("combineFailed")}</Text>
          <ul className={styles.failed} aria-label={t("combineFailed")}>
            {failed.map((o) => (
              <li key={o.file}>{t("combineFailedFile", { file: o.file, reason: o.error ?? "" })}</li>
            ))}
          </ul>
        </>
      )}
      {notice}
    </section>
  );
}
