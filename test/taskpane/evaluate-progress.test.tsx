/** @jest-environment jsdom */
/**
 * While 评估 runs: the stage in words with the rows the engine has checked, on a progress bar with its
 * value; and on a 3,000-item ledger the results stay short — the first findings group capped with
 * 显示全部/再显示, the others closed — so the buttons below stay near.
 */
import "../support/jsdom-setup";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import type { EvaluateOutcome, EvaluateRequest, HostOutcome } from "../../src/core/host";
import { previewWorkbook, PREVIEW_LEDGER_SHEET } from "../../src/preview/workbook";
import { gridFrom } from "../support/grid-builder";
import { FakeLedgerHost, sampleLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31);

/** A host whose evaluation reports progress as the Excel host does, then waits until `finish()`. */
class SlowHost extends FakeLedgerHost {
  private release: (() => void) | null = null;
  report: EvaluateRequest["onProgress"] = undefined;

  override async evaluate(request: EvaluateRequest): Promise<HostOutcome<EvaluateOutcome>> {
    this.report = request.onProgress;
    await new Promise<void>((resolve) => (this.release = resolve));
    return super.evaluate({ ...request, onProgress: undefined });
  }

  finish(): void {
    this.release?.();
  }
}

describe("progress while evaluating", () => {
  it.each([
    ["zh", "评估", "正在读取台账…", "正在逐项检查… 已检查 1,200 / 3,000 行", "正在写入预警状态和颜色…"],
    ["en", "Evaluate", "Reading the ledger…", "Checking every item… 1,200 of 3,000 rows", "Writing warning status and colours…"],
  ] as const)("%s: each stage in words, the rows checked, the bar at the host's fraction", async (lang, button, read, rows, write) => {
    const host = new SlowHost(sampleLedger());
    const user = userEvent.setup();
    render(<App host={host} lang={lang} now={() => TODAY} />);
    await user.click(await screen.findByRole("button", { name: button }));
    await waitFor(() => expect(host.report).toBeDefined());
    const bar = () => screen.getByRole("progressbar");

    act(() => host.report?.(0.1, "read"));
    expect(await screen.findByText(read)).toBeInTheDocument();
    expect(bar()).toHaveAttribute("aria-valuenow", "0.1");

    act(() => host.report?.(0.52, "evaluate", { done: 1200, total: 3000 }));
    expect(await screen.findByText(rows)).toBeInTheDocument();
    expect(bar()).toHaveAttribute("aria-valuenow", "0.52");
    expect(bar()).toHaveAttribute("aria-valuetext", "52%");

    act(() => host.report?.(0.85, "write"));
    expect(await screen.findByText(write)).toBeInTheDocument();

    act(() => host.finish());
    await screen.findByRole("list", { name: lang === "zh" ? "红黄绿灯统计" : "Items by light" });
    expect(screen.queryByRole("progressbar")).toBeNull();
  });
});

describe("a 3,000-item ledger", () => {
  it("shows five findings of the first group and keeps the other groups closed", async () => {
    const sheet = previewWorkbook(3000).sheets.find((s) => s.name === PREVIEW_LEDGER_SHEET)!;
    const ledger = gridFrom(sheet.rows as (string | number | null)[][], {
      sheet: PREVIEW_LEDGER_SHEET,
      merges: sheet.merges,
      numberFormats: sheet.numberFormats,
    });
    const host = new FakeLedgerHost(ledger);
    const user = userEvent.setup();
    render(<App host={host} lang="zh" now={() => TODAY} />);
    await user.click(await screen.findByRole("button", { name: "评估" }));
    await screen.findByText(/评估完成：工作表“整改台账”共 3,?000 项/, undefined, { timeout: 30_000 });

    const findings = screen.getByRole("region", { name: /检查发现/ });
    // Every finding row is a button naming its cell (E14, N12…); only the first group's first five are drawn.
    const rows = within(findings).getAllByRole("button", { name: /^[A-Z]+\d+\s/ });
    expect(rows).toHaveLength(5);
    expect(within(findings).getByRole("button", { name: /^(显示全部|再显示)/ })).toBeInTheDocument();
    // The writes under the findings are there without scrolling past thousands of rows.
    expect(screen.getByRole("button", { name: "生成汇总表" })).toBeInTheDocument();
  }, 60_000);
});
