/** @jest-environment jsdom */
/**
 * The meeting text in the pane: the paragraph from the same result the summary sheet is written
 * from, and the copy button with its fallbacks (Clipboard API, then `execCommand("copy")` over the
 * selected paragraph, then the text left selected with a word to press Ctrl+C).
 */
import "../support/jsdom-setup";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { toMeetingText } from "../../src/core/report/meeting-text";
import { App } from "../../src/taskpane/App";
import { FakeLedgerHost, sampleLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31);

async function evaluated(lang: "zh" | "en" = "zh") {
  const host = new FakeLedgerHost(sampleLedger());
  const user = userEvent.setup();
  render(<App host={host} lang={lang} now={() => TODAY} />);
  await user.click(screen.getByRole("button", { name: lang === "zh" ? "评估" : "Evaluate" }));
  await screen.findByRole("list", { name: /红黄绿灯统计|Items by light/ });
  return { host, user };
}

function meetingSection(name: string): HTMLElement {
  const section = screen.getByRole("heading", { name }).closest("section");
  if (!section) throw new Error("no meeting-text section");
  return section;
}

/** Replaces the clipboard user-event installed, and `execCommand`, for one test. */
function breakClipboard(execCommandWorks: boolean) {
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: { writeText: jest.fn().mockRejectedValue(new DOMException("not allowed", "NotAllowedError")) },
  });
  const execCommand = jest.fn().mockReturnValue(execCommandWorks);
  Object.defineProperty(document, "execCommand", { configurable: true, value: execCommand });
  return execCommand;
}

afterEach(() => {
  Reflect.deleteProperty(document, "execCommand");
});

describe("the meeting text in the pane", () => {
  it.each(["zh", "en"] as const)(
    "in %s, is the paragraph of the very result the summary sheet is written from",
    async (lang) => {
      const { host, user } = await evaluated(lang);
      await user.click(screen.getByRole("button", { name: lang === "zh" ? "生成汇总表" : "Write summary sheet" }));
      const [written] = host.callsOf("writeSummary");
      if (!written) throw new Error("the summary was not written");
      const shown = within(meetingSection(lang === "zh" ? "通报稿" : "Meeting text")).getByTestId("meeting-text");
      expect(shown).toHaveTextContent(toMeetingText(written.evaluation.result, lang));
      const items = written.evaluation.result.summary.items;
      expect(shown.textContent).toContain(lang === "zh" ? `共梳理整改问题${items}项` : `${items} rectification items`);
    },
  );

  it("copies it with the Clipboard API and says so", async () => {
    const { user } = await evaluated();
    const section = meetingSection("通报稿");
    await user.click(within(section).getByRole("button", { name: "复制通报稿" }));
    expect(await within(section).findByText("已复制到剪贴板。")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(within(section).getByTestId("meeting-text").textContent);
  });

  it("falls back to copying the selected paragraph when the frame may not use the clipboard", async () => {
    const { user } = await evaluated();
    const execCommand = breakClipboard(true);
    const section = meetingSection("通报稿");
    await user.click(within(section).getByRole("button", { name: "复制通报稿" }));
    expect(await within(section).findByText("已复制到剪贴板。")).toBeInTheDocument();
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(window.getSelection()?.toString()).toBe(within(section).getByTestId("meeting-text").textContent);
  });

  it("leaves the text selected and says to press Ctrl+C when nothing can copy", async () => {
    const { user } = await evaluated();
    breakClipboard(false);
    const section = meetingSection("通报稿");
    await user.click(within(section).getByRole("button", { name: "复制通报稿" }));
    expect(await within(section).findByText("无法自动复制：文字已选中，请按 Ctrl+C 复制。")).toBeInTheDocument();
    expect(window.getSelection()?.toString()).toBe(within(section).getByTestId("meeting-text").textContent);
  });
});
