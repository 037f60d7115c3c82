/** @jest-environment jsdom */
/**
 * axe-core over the pane's main states in jsdom: quick, and it catches structure (landmarks, names,
 * ARIA). Colour contrast needs a real layout and is checked in the browser test, which runs axe on
 * the production bundle too. Fluent's tabster focus-trap dummies are left out there and here: they
 * trip `aria-hidden-focus` by design (fluentui issue 27517).
 */
import "../support/jsdom-setup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { App } from "../../src/taskpane/App";
import { FakeLedgerHost, sampleLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31);

/** Each violation as `rule: html of a node`, tabster dummies left out. */
async function violations(): Promise<string[]> {
  const result = await axe.run(
    { include: [document.body], exclude: [["[data-tabster-dummy]"]] },
    { rules: { "color-contrast": { enabled: false } } },
  );
  return result.violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.html.slice(0, 120)}`));
}

function renderPane(lang: "zh" | "en" = "zh", host = new FakeLedgerHost(sampleLedger())) {
  const user = userEvent.setup();
  render(<App host={host} lang={lang} now={() => TODAY} />);
  return user;
}

jest.setTimeout(60_000);

describe("axe finds nothing in the pane", () => {
  it("on first open, after 评估, with the summary written, in the settings tab and with a settings error", async () => {
    const user = renderPane();
    await screen.findByRole("button", { name: "评估" });
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "评估" }));
    await screen.findByRole("list", { name: "红黄绿灯统计" });
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "生成汇总表" }));
    await screen.findByText("已生成汇总表“整改情况汇总”。");
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("tab", { name: "设置" }));
    expect(await violations()).toEqual([]);
    const close = screen.getByRole("textbox", { name: "整改问题销号率（%）" });
    await user.clear(close);
    await user.type(close, "150");
    await user.click(screen.getByRole("button", { name: "保存设置" }));
    await screen.findByText("不能大于 100%。");
    expect(await violations()).toEqual([]);
  });

  it("with the mapping editor open, compact and with every field, and after its 已保存", async () => {
    const user = renderPane();
    await user.click(await screen.findByRole("button", { name: "评估" }));
    await user.click(await screen.findByRole("button", { name: "修改对应关系" }));
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: /显示全部字段/ }));
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "保存并重新评估" }));
    await screen.findByText("已保存：对应关系已存入工作簿，并已按它重新评估。");
    expect(await violations()).toEqual([]);
  });

  it("in English after 评估", async () => {
    const user = renderPane("en");
    await user.click(await screen.findByRole("button", { name: "Evaluate" }));
    await screen.findByRole("list", { name: "Items by light" });
    expect(await violations()).toEqual([]);
  });

  it("keeps every part of the pane inside a landmark (the tab list too)", async () => {
    renderPane();
    const tabs = await screen.findByRole("tablist");
    expect(tabs.closest("nav, main, header")).not.toBeNull();
  });
});
