/** @jest-environment jsdom */
/**
 * 生成督办单 in the pane: the button beside 生成汇总表, its result under it naming the sheet (and how
 * many units), a failure said there too, 清除标记 naming the 督办单 it removed; the 临期 list after 评估,
 * each entry selecting its row; and the two day settings with their field-level validation.
 */
import "../support/jsdom-setup";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { SettingsSchema } from "../../src/core/settings";
import { dialogButton, openClearConfirmation } from "../support/clear-confirmation";
import { FakeLedgerHost, sampleLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31); // 2025-03-31, local

async function evaluated(host = new FakeLedgerHost(sampleLedger()), lang: "zh" | "en" = "zh") {
  const user = userEvent.setup();
  render(<App host={host} lang={lang} now={() => TODAY} />);
  await user.click(screen.getByRole("button", { name: lang === "zh" ? "评估" : "Evaluate" }));
  await screen.findByRole("list", { name: /红黄绿灯统计|Items by light/ });
  return { host, user };
}

function sectionNamed(name: string | RegExp): HTMLElement {
  const section = screen.getByRole("heading", { name }).closest("section");
  if (!section) throw new Error(`no section for ${String(name)}`);
  return section;
}

describe("生成督办单", () => {
  it("sits beside 生成汇总表 and says under it which sheet it wrote, for how many units, with a link", async () => {
    const { host, user } = await evaluated();
    const actions = sectionNamed("汇总表");
    const button = within(actions).getByRole("button", { name: "生成督办单" });
    expect(within(actions).getByRole("button", { name: "生成汇总表" }).parentElement).toBe(button.parentElement);
    await user.click(button);
    expect(
      await within(actions).findByText("已生成督办单“督办单”：2 个责任单位，每个单位一页，可直接打印。"),
    ).toBeInTheDocument();
    const [call] = host.callsOf("writeSupervision");
    expect(call?.evaluation.sheet).toBe("整改台账");
    expect(call?.settings.feedbackDays).toBe(7);
    await user.click(within(actions).getByRole("button", { name: "打开“督办单”" }));
    expect(host.callsOf("selectCell")).toEqual([{ method: "selectCell", sheet: "督办单", address: "A1" }]);
  });

  it("says when no unit needs a notice, and when a user's sheet had the name", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    host.supervisionOutcome = { sheetName: "督办单", renamedFrom: null, units: [] };
    const { user } = await evaluated(host);
    await user.click(screen.getByRole("button", { name: "生成督办单" }));
    expect(await screen.findByText(/无需督办/)).toBeInTheDocument();
    host.supervisionOutcome = { sheetName: "督办单 (2)", renamedFrom: "督办单", units: ["工程部"] };
    await user.click(screen.getByRole("button", { name: "生成督办单" }));
    expect(
      await screen.findByText("工作簿里已有一个不是本助手生成的“督办单”，督办单写在了“督办单 (2)”（1 个责任单位）。"),
    ).toBeInTheDocument();
  });

  it("says a failure beside the button, in the user's language", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    host.failNext.writeSupervision = {
      code: "protected",
      message: { zh: "工作簿结构受保护。", en: "The workbook structure is protected." },
    };
    const { user } = await evaluated(host, "en");
    await user.click(screen.getByRole("button", { name: "Write supervision notices" }));
    const alert = await within(sectionNamed("Summary sheet")).findByRole("alert");
    expect(alert).toHaveTextContent("The workbook structure is protected.");
  });

  it("清除标记 names the 督办单 among what it removed", async () => {
    const { user } = await evaluated();
    await user.click(screen.getByRole("button", { name: "生成督办单" }));
    await screen.findByText(/已生成督办单/);
    const dialog = await openClearConfirmation(user);
    expect(dialog).toHaveTextContent(/汇总表和督办单/);
    await user.click(await dialogButton(dialog, "清除标记"));
    expect(
      await screen.findByText(
        "已清除：工作表“整改台账”的预警状态列、评估意见列和行颜色；督办单“督办单”。台账恢复原样。",
      ),
    ).toBeInTheDocument();
  });
});

describe("临期 after 评估", () => {
  it("says there is none within the setting's days", async () => {
    await evaluated();
    expect(
      within(sectionNamed(/临期事项/)).getByText("没有临期事项（距整改时限 7 天以内的未完成事项）。"),
    ).toBeInTheDocument();
  });

  it("lists the 临期 items with the days left; an entry selects its row", async () => {
    // Row 5's deadline, 2025-06-30, is 91 days away: 临期 when the window is 100 days.
    const host = new FakeLedgerHost(sampleLedger(), ["整改台账"], SettingsSchema.parse({ dueSoonDays: 100 }));
    const { user } = await evaluated(host);
    const section = sectionNamed("临期事项（1 项）");
    expect(within(section).getByText("1 项未完成事项距整改时限 100 天以内：")).toBeInTheDocument();
    expect(within(section).getByText("还有 91 天")).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "3 · 工程部" }));
    expect(host.callsOf("selectCell")).toEqual([{ method: "selectCell", sheet: "整改台账", address: "A5" }]);
  });
});

describe("the day settings", () => {
  it("are in their own group, saved with the rest; a bad value is marked beside its field and nothing is saved", async () => {
    const { host, user } = await evaluated();
    await user.click(screen.getByRole("tab", { name: "设置" }));
    const group = screen.getByRole("group", { name: "临期与督办" });
    const dueSoon = within(group).getByRole("textbox", { name: "距整改时限多少天以内为临期" });
    const feedback = within(group).getByRole("textbox", { name: "督办单要求几天内反馈" });
    expect([dueSoon, feedback].map((i) => (i as HTMLInputElement).value)).toEqual(["7", "7"]);
    await user.clear(feedback);
    await user.type(feedback, "两周");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    expect(await within(group).findByText("“两周”不是数字。")).toBeInTheDocument();
    expect(host.callsOf("saveSettings")).toHaveLength(0);
    await user.clear(feedback);
    await user.type(feedback, "5");
    await user.clear(dueSoon);
    await user.type(dueSoon, "10");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    await screen.findByText("设置已保存到工作簿。");
    expect(host.callsOf("saveSettings")[0]?.settings).toMatchObject({ dueSoonDays: 10, feedbackDays: 5 });
  });
});
