/** @jest-environment jsdom */
/** The findings list: each finding names its cell, with its sheet when that is not the ledger's. */
import "../../../test/support/jsdom-setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FindingsList } from "./FindingsList";
import type { Finding } from "../../core/types";

const onLedger: Finding = {
  rule: "required-field",
  severity: "error",
  row: 14,
  cell: "E14",
  field: "owner",
  message: { zh: "责任人为空", en: "owner is empty" },
  sheet: "整改台账",
};
const onSurvey: Finding = {
  rule: "survey-unknown-answer",
  severity: "warning",
  row: 14,
  cell: "D14",
  field: null,
  message: { zh: "第14行的答案“还行”无法识别", en: "unknown answer" },
  sheet: "满意度测评",
};

it("labels a survey finding with its sheet and hands the finding (sheet and all) to onSelect", async () => {
  const selected: Finding[] = [];
  render(<FindingsList findings={[onLedger, onSurvey]} ledgerSheet="整改台账" onSelect={(f) => selected.push(f)} />);
  const user = userEvent.setup();
  expect(screen.getByRole("button", { name: /^E14\s*责任人为空/ })).toBeInTheDocument();
  // The survey group is closed at first (the error group opens); open it.
  await user.click(screen.getByRole("button", { name: /问卷答案无法识别/ }));
  await user.click(await screen.findByRole("button", { name: /满意度测评!D14/ }));
  expect(selected).toEqual([onSurvey]);
});

describe("the first group opens capped", () => {
  const many = (n: number): Finding[] =>
    Array.from({ length: n }, (_, i) => ({ ...onLedger, row: 3 + i, cell: `E${3 + i}` }));
  const shownRows = () => screen.getAllByRole("button", { name: /^E\d+/ }).length;

  it.each<[number, string, number]>([
    [12, "显示全部（共 12 处）", 12],
    [130, "再显示 45 条（共 130 处）", 50],
  ])("with %i findings: the first five, then %s shows up to %i", async (n, label, after) => {
    render(<FindingsList findings={many(n)} ledgerSheet="整改台账" onSelect={() => undefined} />);
    const user = userEvent.setup();
    expect(shownRows()).toBe(5);
    await user.click(screen.getByRole("button", { name: label }));
    expect(shownRows()).toBe(after);
    if (n > 50) {
      await user.click(screen.getByRole("button", { name: "再显示 50 条" }));
      expect(shownRows()).toBe(100);
    }
  });

  it("shows no button when the group has five or fewer", () => {
    render(<FindingsList findings={many(5)} ledgerSheet="整改台账" onSelect={() => undefined} />);
    expect(shownRows()).toBe(5);
    expect(screen.queryByRole("button", { name: /显示/ })).toBeNull();
  });
});
