/** @jest-environment jsdom */
/**
 * 评估 with one of the add-in's own sheets active (here the 督办单, whose items read like a ledger's), on
 * the real Excel host over the strict double: the pane says it is our sheet, not a ledger, offers the
 * ledger it finds in one click (no header-row picker for our own sheet), and the workbook is unchanged
 * until the user takes it.
 */
import "../support/jsdom-setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { SUPERVISION_SHEET_NAME } from "../../src/core/plan/supervision-sheet";
import { harness, LEDGER_SHEET, ledgerSheet, TODAY } from "../support/excel-harness";

it("offers the ledger in one click when 评估 is run on the 督办单, and changes nothing before", async () => {
  const { host, double } = harness({ sheets: [ledgerSheet()] });
  const evaluated = await host.evaluate({ source: { kind: "active" }, today: TODAY, settings: DEFAULT_SETTINGS });
  if (!evaluated.ok) throw new Error(evaluated.error.message.en);
  expect((await host.writeSupervision(evaluated.value, DEFAULT_SETTINGS)).ok).toBe(true);
  expect((await host.selectCell(SUPERVISION_SHEET_NAME, "A1")).ok).toBe(true);
  const before = double.snapshot();

  const user = userEvent.setup();
  render(<App host={host} lang="zh" now={() => new Date(2025, 2, 31)} />);
  await user.click(await screen.findByRole("button", { name: "评估" }));
  expect(await screen.findByText("没有找到台账")).toBeInTheDocument();
  expect(
    screen.getByText("“督办单”是整改台账助手生成的工作表，不是台账。请切换到台账所在的工作表再评估。"),
  ).toBeInTheDocument();
  expect(await screen.findByText(`工作表“${LEDGER_SHEET}”中有台账。`)).toBeInTheDocument();
  expect(screen.queryByRole("combobox", { name: "请选择表头所在的行" })).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: /手动指定表头/ })).not.toBeInTheDocument();
  expect(double.snapshot()).toEqual(before);

  await user.click(screen.getByRole("button", { name: "检查它" }));
  await screen.findByRole("list", { name: "红黄绿灯统计" });
  expect(screen.getByRole("radio", { name: "指定工作表" })).toBeChecked();
  // Evaluated again, the ledger's marks are as the first run wrote them; the 督办单 is untouched.
  const after = double.snapshot();
  const sheet = (s: typeof after, name: string) => s.sheets.find((x) => x.name === name);
  expect(sheet(after, SUPERVISION_SHEET_NAME)).toEqual(sheet(before, SUPERVISION_SHEET_NAME));
  expect(sheet(after, LEDGER_SHEET)?.cells).toEqual(sheet(before, LEDGER_SHEET)?.cells);
});
