/** @jest-environment jsdom */
/**
 * 与上期对比 in the pane, over the fake host holding the periods recorded before (the ledger of
 * test/support/four-periods.ts), and 清除标记's 也清除评估记录 tick.
 */
import "../support/jsdom-setup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { evaluate } from "../../src/core/evaluate";
import { historyAfter, type PeriodRecord } from "../../src/core/history";
import type { Grid } from "../../src/core/types";
import { App } from "../../src/taskpane/App";
import { ledgerRows, LEDGER_HEADER, type Period } from "../support/four-periods";
import { gridFrom } from "../support/grid-builder";
import { dialogButton, openClearConfirmation } from "../support/clear-confirmation";
import { FakeLedgerHost } from "../support/fake-host";

const SHEET = "整改台账";
const ledgerAt = (period: Period): Grid => gridFrom(ledgerRows(period), { sheet: SHEET });

/** The periods 生成汇总表 would have recorded at each of `periods`. */
function recorded(periods: readonly Period[], ledger: (period: Period) => Grid = ledgerAt): PeriodRecord[] {
  let history: PeriodRecord[] = [];
  for (const today of periods) {
    const evaluation = evaluate({ ledger: ledger(today), today, history: { records: history, source: "history" } });
    if (!evaluation.ok) throw new Error(evaluation.message.en);
    history = historyAfter(history, evaluation.result);
  }
  return history;
}

function renderPane(host: FakeLedgerHost, today: Date, lang: "zh" | "en" = "zh") {
  const user = userEvent.setup();
  render(<App host={host} lang={lang} now={() => today} />);
  return user;
}

async function evaluateNow(user: ReturnType<typeof userEvent.setup>, name: string | RegExp = "评估") {
  await user.click(await screen.findByRole("button", { name }));
  return screen.findByTestId("comparison", {}, { timeout: 5000 });
}

/** The meeting of 03-17, with 03-03 and 03-10 recorded. */
function thirdMeeting(): FakeLedgerHost {
  const host = new FakeLedgerHost(ledgerAt("2025-03-17"));
  host.history = recorded(["2025-03-03", "2025-03-10"]);
  return host;
}
const MARCH_17 = new Date(2025, 2, 17);

const groupButton = (section: HTMLElement, name: RegExp) => within(section).getByRole("button", { name });

describe("与上期对比", () => {
  it("says quietly that 生成汇总表 records this period when none was recorded before", async () => {
    const host = new FakeLedgerHost(ledgerAt("2025-03-03"));
    const section = await evaluateNow(renderPane(host, new Date(2025, 2, 3)));
    expect(section).toHaveTextContent("还没有上期记录。生成汇总表时会记录本期，下次评估即与本期对比。");
    expect(within(section).queryAllByRole("button")).toHaveLength(0);
  });

  it("shows the date compared with, each rate with its change in points, and only the groups that changed, closed", async () => {
    const section = await evaluateNow(renderPane(thirdMeeting(), MARCH_17));
    expect(within(section).getByTestId("comparison-since")).toHaveTextContent("上期：2025-03-10");
    const rate = (key: string) => section.querySelector(`[data-rate-change="${key}"]`);
    expect(rate("completionRate")).toHaveTextContent("14.3%，较上期 +1.8 个百分点");
    expect(rate("closeRate")).toHaveTextContent("0.0%，较上期 −12.5 个百分点");
    expect(rate("onTimeRate")).toHaveTextContent("100.0%，较上期 持平");
    const groups = [...section.querySelectorAll("[data-change]")].map((g) => g.getAttribute("data-change"));
    expect(groups).toEqual(["consecutiveRed", "turnedRed", "deadlineMoved", "wentBack", "newlyDone", "removedItems"]);
    const red = groupButton(section, /连续亮红灯（问责\/约谈对象）\s*1 项/);
    expect(red).toHaveAttribute("aria-expanded", "false");
  });

  it("selects an entry's row in the sheet; a removed item shows its old 序号 and description, without a link", async () => {
    const host = thirdMeeting();
    const user = renderPane(host, MARCH_17);
    const section = await evaluateNow(user);
    await user.click(groupButton(section, /整改时限推迟/));
    const moved = within(section).getByRole("button", {
      name: /序号 4\s*工程变更未经审批即实施\s*2025-02-20 → 2025-04-30/,
    });
    await user.click(moved);
    // The item's 问题描述 cell on its row this period (C is row 5 since E was inserted above it).
    expect(host.callsOf("selectCell")).toEqual([{ method: "selectCell", sheet: SHEET, address: "B5" }]);

    await user.click(groupButton(section, /连续亮红灯/));
    expect(
      within(section).getByRole("button", { name: /序号 2\s*招标文件编制不规范.*连续2期红灯/ }),
    ).toBeInTheDocument();

    await user.click(groupButton(section, /台账中已删除/));
    const removed = within(section).getByText("食堂采购无台账");
    expect(removed.closest("li")).toHaveTextContent("序号 6食堂采购无台账");
    expect(removed.closest("button")).toBeNull();
  });

  it("shows five entries of a long group and 显示全部 for the rest", async () => {
    // Last period's ledger held one other item: every item now is new, that one removed.
    const other = (): Grid => gridFrom([LEDGER_HEADER, ["1", "档案管理混乱", "整理", "办公室", "王五", "2025-06-30"]]);
    const host = new FakeLedgerHost(ledgerAt("2025-03-03"));
    host.history = recorded(["2025-03-01" as Period], other);
    const user = renderPane(host, new Date(2025, 2, 3));
    const section = await evaluateNow(user);
    await user.click(groupButton(section, /新增事项\s*7 项/));
    const entries = () => within(section).getAllByRole("button", { name: /^序号 \d/ });
    expect(entries()).toHaveLength(5);
    await user.click(within(section).getByRole("button", { name: "显示全部（共 7 项）" }));
    expect(entries()).toHaveLength(7);
  });

  it("speaks English second", async () => {
    const section = await evaluateNow(renderPane(thirdMeeting(), MARCH_17, "en"), "Evaluate");
    expect(within(section).getByRole("heading")).toHaveTextContent("Compared with the last period");
    expect(section.querySelector('[data-rate-change="completionRate"]')).toHaveTextContent(
      "14.3%, +1.8 pp on the last period",
    );
    expect(groupButton(section, /Red in consecutive periods/)).toBeInTheDocument();
  });
});

describe("清除标记 and the evaluation history", () => {
  it("keeps the history unless 也清除评估记录 is ticked, and says which", async () => {
    const host = thirdMeeting();
    const user = renderPane(host, MARCH_17);
    await evaluateNow(user);
    let dialog = await openClearConfirmation(user);
    const tick = await within(dialog).findByRole("checkbox", { name: /也清除评估记录/, hidden: true });
    expect(tick).not.toBeChecked();
    await user.click(await dialogButton(dialog, "清除标记"));
    await waitFor(() => expect(host.callsOf("clearMarks")).toHaveLength(1));
    expect(host.callsOf("clearMarks")[0]?.options).toEqual({ history: false });
    expect(await screen.findByText(/评估记录“评估记录”已保留。/)).toBeInTheDocument();
    expect(host.history).not.toHaveLength(0);

    dialog = await openClearConfirmation(user);
    await user.click(await within(dialog).findByRole("checkbox", { name: /也清除评估记录/, hidden: true }));
    await user.click(await dialogButton(dialog, "清除标记"));
    await waitFor(() => expect(host.callsOf("clearMarks")).toHaveLength(2));
    expect(host.callsOf("clearMarks")[1]?.options).toEqual({ history: true });
    expect(await screen.findByText(/已清除：评估记录“评估记录”/)).toBeInTheDocument();
    expect(host.history).toHaveLength(0);
  });
});
