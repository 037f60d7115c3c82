/** @jest-environment jsdom */
/**
 * The task pane against a fake host that evaluates with the real engine: what a user sees and what
 * each click asks of Excel.
 */
import "../support/jsdom-setup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { App } from "../../src/taskpane/App";
import { dialogButton, openClearConfirmation } from "../support/clear-confirmation";
import { auditLedger, FakeLedgerHost, sampleLedger, sheetWithoutLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31); // 2025-03-31, local

function renderPane(host: FakeLedgerHost, lang: "zh" | "en" = "zh") {
  const user = userEvent.setup();
  render(<App host={host} lang={lang} now={() => TODAY} />);
  return user;
}

async function evaluateNow(user: ReturnType<typeof userEvent.setup>, name = "评估") {
  await user.click(screen.getByRole("button", { name }));
  await screen.findByRole("status", { name: "" }, { timeout: 2000 }).catch(() => undefined);
}

function lightCount(label: string): string {
  const list = screen.getByRole("list", { name: /红黄绿灯统计|Items by light/ });
  const item = within(list)
    .getAllByRole("listitem")
    .find((li) => li.textContent?.startsWith(label));
  if (!item) throw new Error(`no badge ${label}`);
  return item.textContent!.slice(label.length);
}

describe("task pane", () => {
  it("evaluates with today's date and shows the counts by light, the rates and the findings by rule", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await evaluateNow(user);

    expect(await screen.findByText(/评估完成：工作表“整改台账”共 5 项，检查发现 2 处需要修改的地方/)).toBeInTheDocument();
    expect(host.callsOf("evaluate")[0]?.request).toMatchObject({ source: { kind: "active" }, today: "2025-03-31" });
    expect(lightCount("红灯")).toBe("1");
    expect(lightCount("黄灯")).toBe("1");
    expect(lightCount("绿灯")).toBe("1");
    expect(lightCount("已销号")).toBe("1");
    expect(lightCount("待补充")).toBe("1");
    expect(screen.getByText("销号率").nextSibling).toHaveTextContent("20.0%");
    expect(screen.getByText("完成率").nextSibling).toHaveTextContent("20.0%"); // one finished (closed) of five
    // Each rate says what it counts.
    expect(screen.getByText("完成率").nextSibling).toHaveTextContent("已完成（含已销号）1 / 整改事项 5");
    expect(screen.getByText("销号率").nextSibling).toHaveTextContent("已销号 1 / 整改事项 5");
    expect(screen.getByText("按期完成率").nextSibling).toHaveTextContent("按期完成 0 / 有完成日期和时限的已完成 0");

    // One rule group (必填项为空, 2) opened; both findings are buttons naming their cell and item's 序号.
    expect(screen.getByRole("button", { name: /必填项为空/ })).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("button", { name: /E5\s*序号 3\s*责任人为空/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /F7\s*序号 5\s*整改时限为空/ })).toBeInTheDocument();

    // The detected header and columns, plainly.
    expect(screen.getByText(/表头在第 2 行/)).toBeInTheDocument();
    expect(screen.getByText("C 列 · 整改措施")).toBeInTheDocument();
  });

  it("selects a finding's cell in the workbook when it is clicked", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    await user.click(await screen.findByRole("button", { name: /F7\s*序号 5\s*整改时限为空/ }));
    expect(host.callsOf("selectCell")).toEqual([{ method: "selectCell", sheet: "整改台账", address: "F7" }]);
  });

  it("passes the chosen source and date to the host", async () => {
    const host = new FakeLedgerHost(sampleLedger(), ["封面", "整改台账"]);
    const user = renderPane(host);
    await user.click(screen.getByRole("radio", { name: "指定工作表" }));
    await user.selectOptions(await screen.findByRole("combobox", { name: "工作表" }), "整改台账");
    const date = screen.getByLabelText(/评估日期/);
    await user.clear(date);
    await user.type(date, "2025-04-15");
    await evaluateNow(user);
    expect(host.callsOf("evaluate")[0]?.request).toMatchObject({
      source: { kind: "sheet", name: "整改台账" },
      today: "2025-04-15",
    });
  });

  it("says in Chinese that there is no ledger and offers the header-row picker from the host's preview", async () => {
    const host = new FakeLedgerHost(sheetWithoutLedger());
    const user = renderPane(host);
    await evaluateNow(user);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("没有找到台账");
    expect(alert).toHaveTextContent("在工作表“记录”的前 30 行没有找到台账表头");
    const picker = screen.getByRole("combobox", { name: "请选择表头所在的行" });
    expect(picker).toHaveValue("3"); // the engine's best guess
    expect(within(picker).getByRole("option", { name: "第 3 行：编号x | 事情 | 办法 | 谁负责" })).toBeInTheDocument();

    // Map 问题描述 → B and 整改措施 → C and 责任人 → D by hand: saved to the workbook, then evaluated again.
    await user.selectOptions(screen.getByRole("combobox", { name: "“问题描述”所在列" }), "B");
    await user.selectOptions(screen.getByRole("combobox", { name: "“整改措施”所在列" }), "C");
    await user.selectOptions(screen.getByRole("combobox", { name: "“责任人”所在列" }), "D");
    await user.click(screen.getByRole("button", { name: "保存并重新评估" }));
    await waitFor(() => expect(host.callsOf("evaluate")).toHaveLength(2));
    expect(host.callsOf("saveSettings")[0]?.settings.mapping).toEqual({
      headerRow: 3,
      columns: { description: "B", measures: "C", owner: "D" },
    });
    expect(host.callsOf("evaluate")[1]?.request.settings.mapping.columns).toEqual({
      description: "B",
      measures: "C",
      owner: "D",
    });
  });

  it("speaks English for an en-US Office", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host, "en");
    expect(screen.getByRole("heading", { name: "Rectification Ledger Assistant" })).toBeInTheDocument();
    await evaluateNow(user, "Evaluate");
    expect(await screen.findByText(/sheet "整改台账" has 5 items and 2 findings/)).toBeInTheDocument();
    expect(lightCount("Red")).toBe("1");
    expect(screen.getByRole("button", { name: /E5\s*No. 3\s*Owner \(责任人\) is empty/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Write summary sheet" })).toBeInTheDocument();
  });

  it("shows a no-ledger error in English for en-US", async () => {
    const host = new FakeLedgerHost(sheetWithoutLedger());
    const user = renderPane(host, "en");
    await evaluateNow(user, "Evaluate");
    expect(await screen.findByRole("alert")).toHaveTextContent("No ledger header in the first 30 rows");
    expect(screen.getByRole("combobox", { name: "Pick the row that holds the header" })).toBeInTheDocument();
  });

  it("shows the on-time rate by original deadlines and the money totals of a ledger that has them", async () => {
    const host = new FakeLedgerHost(auditLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    await screen.findByText(/评估完成/);
    expect(screen.getByText("按期完成率").nextSibling).toHaveTextContent("100.0%");
    expect(screen.getByText("按原定时限按期完成率").nextSibling).toHaveTextContent("50.0%");
    // (The layout section lists the same field names: the rates are found by their data attribute.)
    const rate = (key: string) => document.querySelector(`[data-rate="${key}"]`);
    expect(rate("amountInvolved")).toHaveTextContent("30 万元整改到位率 83.3%");
    expect(rate("amountRectified")).toHaveTextContent("25 万元");
  });

  it("shows neither on a ledger without extensions or money columns", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    await screen.findByText(/评估完成/);
    expect(screen.queryByText("按原定时限按期完成率")).toBeNull();
    expect(document.querySelector('[data-rate="amountInvolved"]')).toBeNull();
  });

  it("lists the extension and money columns in the mapping editor under a heading of their own", async () => {
    const host = new FakeLedgerHost(auditLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    await user.click(await screen.findByRole("button", { name: "修改对应关系" }));
    expect(screen.getByText("延期与金额（可选）")).toBeInTheDocument();
    const extended = screen.getByRole("combobox", { name: "“调整后时限”所在列" });
    expect(within(extended).getByRole("option", { name: "自动识别（G）" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "“涉及金额”所在列" })).toHaveValue("auto");
  });

  it("saves an edited column mapping to the workbook and evaluates again with it", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    await user.click(await screen.findByRole("button", { name: "修改对应关系" }));
    const owner = screen.getByRole("combobox", { name: "“责任人”所在列" });
    expect(owner).toHaveValue("auto");
    expect(within(owner).getByRole("option", { name: "自动识别（E）" })).toBeInTheDocument();
    await user.selectOptions(owner, "D");
    await user.click(screen.getByRole("button", { name: "保存并重新评估" }));

    await waitFor(() => expect(host.callsOf("evaluate")).toHaveLength(2));
    expect(host.callsOf("saveSettings")).toHaveLength(1);
    expect(host.callsOf("saveSettings")[0]?.settings.mapping).toEqual({ headerRow: null, columns: { owner: "D" } });
    expect(host.callsOf("evaluate")[1]?.request.settings.mapping.columns).toEqual({ owner: "D" });
    // The re-evaluation used D (责任单位) as the owner: the owner column is now marked as mapped by hand.
    expect(await screen.findByText(/D 列 · 责任单位（手动）/)).toBeInTheDocument();
  });

  it("writes the summary and says when it had to pick another sheet name", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    await user.click(await screen.findByRole("button", { name: "生成汇总表" }));
    expect(await screen.findByText("已生成汇总表“整改情况汇总”。")).toBeInTheDocument();
    expect(host.callsOf("writeSummary")[0]?.evaluation.sheet).toBe("整改台账");

    host.summaryOutcome = { sheetName: "整改情况汇总 (2)", renamedFrom: "整改情况汇总" };
    await user.click(screen.getByRole("button", { name: "生成汇总表" }));
    expect(await screen.findByText(/汇总写在了“整改情况汇总 \(2\)”/)).toBeInTheDocument();
  });

  it("clears the marks and the results after the user confirms", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await evaluateNow(user);
    const dialog = await openClearConfirmation(user);
    await user.click(await dialogButton(dialog, "清除标记"));
    await waitFor(() => expect(host.callsOf("clearMarks")).toHaveLength(1));
    expect(await screen.findByText(/已清除：工作表“整改台账”的预警状态列、评估意见列和行颜色/)).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "红黄绿灯统计" })).not.toBeInTheDocument();
  });

  it("shows a host error (a protected sheet) in the user's language, not a stack trace", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    host.failNext.evaluate = {
      code: "protected",
      message: { zh: "工作表“整改台账”受保护，无法写入标记。", en: 'Sheet "整改台账" is protected.' },
    };
    const user = renderPane(host);
    await evaluateNow(user);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("无法完成");
    expect(alert).toHaveTextContent("工作表“整改台账”受保护，无法写入标记。");
    expect(screen.queryByRole("combobox", { name: "请选择表头所在的行" })).not.toBeInTheDocument();
  });

  it("saves the settings panel to the workbook and evaluates with them", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await user.click(screen.getByRole("tab", { name: "设置" }));
    const yellow = await screen.findByRole("textbox", { name: "逾期多少天亮黄灯" });
    await user.clear(yellow);
    await user.type(yellow, "7");
    const escalate = screen.getByRole("textbox", { name: "连续几期红灯列为问责/约谈对象" });
    expect(escalate).toHaveValue("2");
    await user.clear(escalate);
    await user.type(escalate, "3");
    await user.selectOptions(screen.getByRole("combobox", { name: "“整改措施笼统”的级别" }), "off");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await screen.findByText("设置已保存到工作簿。")).toBeInTheDocument();
    expect(host.callsOf("saveSettings")[0]?.settings).toEqual({
      ...DEFAULT_SETTINGS,
      yellowAfterDays: 7,
      escalateAfterReds: 3,
      rules: { "vague-measures": "off" },
    });

    await user.click(screen.getByRole("tab", { name: "检查" }));
    await evaluateNow(user);
    expect(host.callsOf("evaluate")[0]?.request.settings.yellowAfterDays).toBe(7);
  });

  it("refuses bad settings beside each field, in Chinese, marks the fields and focuses the first; saves nothing", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host);
    await user.click(screen.getByRole("tab", { name: "设置" }));
    const red = await screen.findByRole("textbox", { name: "逾期多少个月亮红灯" });
    await user.clear(red);
    await user.type(red, "abc");
    const close = screen.getByRole("textbox", { name: "整改问题销号率（%）" });
    await user.clear(close);
    await user.type(close, "150");
    const yellow = screen.getByRole("textbox", { name: "逾期多少天亮黄灯" });
    await user.clear(yellow); // empty: an error, not a silent default
    await user.click(screen.getByRole("button", { name: "保存设置" }));

    expect(await screen.findByText("设置未保存：有 3 处需要修改，已在字段旁标出。")).toBeInTheDocument();
    expect(yellow).toHaveAttribute("aria-invalid", "true");
    expect(yellow).toHaveAccessibleDescription("请填写一个数字。");
    expect(red).toHaveAttribute("aria-invalid", "true");
    expect(red).toHaveAccessibleDescription("“abc”不是数字。");
    expect(close).toHaveAccessibleDescription("不能大于 100%。");
    expect(yellow).toHaveFocus();
    expect(screen.getByRole("textbox", { name: "整改问题销号率（%）" })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Invalid input|Too big|redAfterMonths|targets\./);
    expect(host.callsOf("saveSettings")).toHaveLength(0);

    // Correcting a field clears its mark; the others stay until the next save.
    await user.type(yellow, "10");
    expect(yellow).not.toHaveAttribute("aria-invalid", "true");
    expect(red).toHaveAttribute("aria-invalid", "true");
  });

  it("shows settings errors in English for en-US", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host, "en");
    await user.click(screen.getByRole("tab", { name: "Settings" }));
    const close = await screen.findByRole("textbox", { name: "Close-out rate (%)" });
    await user.clear(close);
    await user.type(close, "150");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText(/Settings not saved: 1 field/)).toBeInTheDocument();
    expect(close).toHaveAccessibleDescription("Must be at most 100%.");
    expect(close).toHaveFocus();
  });
});
