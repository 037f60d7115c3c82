/** @jest-environment jsdom */
/**
 * What the pane tells the user, and where: each result beside the button that produced it, what 评估
 * writes, the confirmation before 清除标记, error and warning told apart by words, findings that show
 * their item and which one was clicked, and results that say when they no longer match the inputs.
 */
import "../support/jsdom-setup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { dialogButton, openClearConfirmation } from "../support/clear-confirmation";
import { FakeLedgerHost, sampleLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31); // 2025-03-31, local

function renderPane(host: FakeLedgerHost, lang: "zh" | "en" = "zh") {
  const user = userEvent.setup();
  render(<App host={host} lang={lang} now={() => TODAY} />);
  return user;
}

async function evaluated(host = new FakeLedgerHost(sampleLedger()), lang: "zh" | "en" = "zh") {
  const user = renderPane(host, lang);
  await user.click(screen.getByRole("button", { name: lang === "zh" ? "评估" : "Evaluate" }));
  await screen.findByRole("list", { name: /红黄绿灯统计|Items by light/ });
  return { host, user };
}

/** The section a heading names (sections are labelled by their h2). */
function sectionNamed(name: string): HTMLElement {
  const heading = screen.getByRole("heading", { name });
  const section = heading.closest("section");
  if (!section) throw new Error(`no section for ${name}`);
  return section;
}

describe("where results are shown", () => {
  it("shows the summary's result under 生成汇总表, naming the sheet, with a link that opens it", async () => {
    const { host, user } = await evaluated();
    await user.click(screen.getByRole("button", { name: "生成汇总表" }));
    const summarySection = sectionNamed("汇总表");
    const message = await within(summarySection).findByText("已生成汇总表“整改情况汇总”。");
    expect(message).toBeInTheDocument();
    await user.click(within(summarySection).getByRole("button", { name: "打开“整改情况汇总”" }));
    expect(host.callsOf("selectCell")).toEqual([{ method: "selectCell", sheet: "整改情况汇总", address: "A1" }]);
  });

  it("does not carry the summary's message over to the settings tab", async () => {
    const { user } = await evaluated();
    await user.click(screen.getByRole("button", { name: "生成汇总表" }));
    await screen.findByText("已生成汇总表“整改情况汇总”。");
    await user.click(screen.getByRole("tab", { name: "设置" }));
    expect(screen.queryByText("已生成汇总表“整改情况汇总”。")).not.toBeInTheDocument();
  });
});

describe("what 评估 writes", () => {
  it("says before and after that it writes the 预警状态 and 评估意见 columns and colours rows", async () => {
    renderPane(new FakeLedgerHost(sampleLedger()));
    const evaluate = screen.getByRole("button", { name: "评估" });
    expect(evaluate).toHaveAccessibleDescription(/写入“预警状态”“评估意见”两列，并按红黄绿灯给各行着色/);
    const user = userEvent.setup();
    await user.click(evaluate);
    expect(await screen.findByText(/已写入预警状态、评估意见两列和行颜色/)).toBeInTheDocument();
  });
});

describe("清除标记", () => {
  it("asks first in an alert dialog saying what goes; Cancel clears nothing", async () => {
    const { host, user } = await evaluated();
    const dialog = await openClearConfirmation(user);
    expect(dialog).toHaveTextContent(/“预警状态”“评估意见”两列和行颜色，以及本助手生成的汇总表/);
    await user.click(await dialogButton(dialog, "取消"));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(host.callsOf("clearMarks")).toHaveLength(0);
    expect(screen.getByRole("list", { name: "红黄绿灯统计" })).toBeInTheDocument();
  });

  it("names what it removed, the summary sheet included, and says so when there was nothing to clear", async () => {
    const { host, user } = await evaluated();
    await user.click(screen.getByRole("button", { name: "生成汇总表" }));
    await screen.findByText("已生成汇总表“整改情况汇总”。");
    const clear = async () => {
      const dialog = await openClearConfirmation(user);
      await user.click(await dialogButton(dialog, "清除标记"));
    };
    await clear();
    expect(
      await screen.findByText(
        "已清除：工作表“整改台账”的预警状态列、评估意见列和行颜色；汇总表“整改情况汇总”。台账恢复原样。",
      ),
    ).toBeInTheDocument();
    await clear();
    expect(await screen.findByText("没有需要清除的标记。")).toBeInTheDocument();
    expect(screen.queryByText(/台账恢复原样/)).not.toBeInTheDocument();
    expect(host.callsOf("clearMarks")).toHaveLength(2);
  });
});

describe("findings", () => {
  it("are called 检查发现 and tell an error from a warning by words, not colour alone", async () => {
    const host = new FakeLedgerHost(sampleLedger(), undefined);
    await evaluated(host);
    expect(screen.getByRole("heading", { name: "检查发现" })).toBeInTheDocument();
    expect(screen.queryByText(/发现的问题/)).not.toBeInTheDocument();
    const group = screen.getByRole("button", { name: /必填项为空/ });
    expect(group).toHaveTextContent("错误 2 处");
  });

  it("names a warning group 提醒, and 'Warning' in English", async () => {
    const settings = { ...(await import("../../src/core/settings")).DEFAULT_SETTINGS };
    const host = new FakeLedgerHost(sampleLedger(), undefined, { ...settings, rules: { "required-field": "warning" } });
    await evaluated(host, "en");
    expect(screen.getByRole("button", { name: /Required field/i })).toHaveTextContent("Warning: 2");
  });

  it("marks the finding clicked as current and the ones clicked before as seen", async () => {
    const { user } = await evaluated();
    const e5 = screen.getByRole("button", { name: /E5\s*序号 3/ });
    const f7 = screen.getByRole("button", { name: /F7\s*序号 5/ });
    await user.click(e5);
    expect(e5).toHaveAttribute("aria-current", "true");
    expect(e5).toHaveTextContent("当前");
    await user.click(f7);
    expect(f7).toHaveAttribute("aria-current", "true");
    expect(e5).not.toHaveAttribute("aria-current");
    expect(e5).toHaveTextContent("已看");
  });
});

describe("stale states", () => {
  it("marks the results out of date when the date changes, and evaluates again from the message", async () => {
    const { host, user } = await evaluated();
    expect(screen.queryByText(/结果和台账里的标记还是按原来的算的/)).not.toBeInTheDocument();
    const date = screen.getByLabelText(/评估日期/);
    await user.clear(date);
    await user.type(date, "2025-04-15");
    expect(await screen.findByText(/评估日期或设置已改动/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "重新评估" }));
    await waitFor(() => expect(host.callsOf("evaluate")).toHaveLength(2));
    expect(host.callsOf("evaluate")[1]?.request.today).toBe("2025-04-15");
    await waitFor(() => expect(screen.queryByText(/评估日期或设置已改动/)).not.toBeInTheDocument());
  });

  it("marks the results out of date when the settings are saved", async () => {
    const { user } = await evaluated();
    await user.click(screen.getByRole("tab", { name: "设置" }));
    const yellow = await screen.findByRole("textbox", { name: "逾期多少天亮黄灯" });
    await user.clear(yellow);
    await user.type(yellow, "7");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    await screen.findByText("设置已保存到工作簿。");
    await user.click(screen.getByRole("tab", { name: "检查" }));
    expect(await screen.findByText(/评估日期或设置已改动/)).toBeInTheDocument();
  });

  it("explains why 评估 is disabled when the date is empty", async () => {
    const user = renderPane(new FakeLedgerHost(sampleLedger()));
    const date = screen.getByLabelText(/评估日期/);
    await user.clear(date);
    expect(screen.getByRole("button", { name: "评估" })).toBeDisabled();
    expect(date).toHaveAccessibleDescription(/请填写评估日期.*填好后才能评估/);
  });
});

describe("a first sheet that is not the ledger", () => {
  it("offers the sheet that holds a ledger in one click, the header-row picker behind a button", async () => {
    const host = new FakeLedgerHost(sampleLedger(), ["封面", "整改台账"]);
    host.ledgerElsewhere = "整改台账";
    host.failNext.evaluate = {
      code: "no-ledger",
      message: { zh: "在工作表“封面”的前 30 行没有找到台账表头。", en: 'No ledger header on "封面".' },
      failure: { reason: "no-header", bestRow: null, fieldsFound: [] },
      preview: { sheet: "封面", rows: [{ row: 1, texts: ["XX公司巡察整改"] }] },
    };
    const user = renderPane(host);
    await user.click(screen.getByRole("button", { name: "评估" }));
    expect(await screen.findByText("工作表“整改台账”中有台账。")).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "请选择表头所在的行" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "检查它" }));
    await screen.findByRole("list", { name: "红黄绿灯统计" });
    expect(host.callsOf("evaluate")[1]?.request.source).toEqual({ kind: "sheet", name: "整改台账" });
    expect(screen.getByRole("radio", { name: "指定工作表" })).toBeChecked();
    expect(screen.queryByText("工作表“整改台账”中有台账。")).not.toBeInTheDocument();
  });

  it("still lets the user pick the header by hand on the sheet they are on", async () => {
    const host = new FakeLedgerHost(sampleLedger(), ["封面", "整改台账"]);
    host.ledgerElsewhere = "整改台账";
    host.failNext.evaluate = {
      code: "no-ledger",
      message: { zh: "在工作表“封面”的前 30 行没有找到台账表头。", en: 'No ledger header on "封面".' },
      preview: { sheet: "封面", rows: [{ row: 1, texts: ["XX公司巡察整改"] }] },
    };
    const user = renderPane(host);
    await user.click(screen.getByRole("button", { name: "评估" }));
    await user.click(await screen.findByRole("button", { name: "在“封面”中手动指定表头和列" }));
    expect(screen.getByRole("combobox", { name: "请选择表头所在的行" })).toBeInTheDocument();
  });
});

describe("damaged settings in the workbook", () => {
  it("names the settings the user knows, in their language, without the schema's English", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    host.storedProblems = [
      "targets.closeRate: Too big: expected number to be <=1",
      "yellowAfterDays: Invalid input: expected number, received string",
      "surveyPoints.three.满意: Too big: expected number to be <=100",
    ];
    renderPane(host);
    const message = await screen.findByText(/工作簿里保存的设置有误/);
    expect(message).toHaveTextContent(
      "工作簿里保存的设置有误（“逾期多少天亮黄灯”；“整改问题销号率（%）”；其他设置），已改用默认值；请在“设置”中检查后保存。",
    );
    expect(document.body.textContent).not.toMatch(/Too big|Invalid input|targets\./);
  });
});
