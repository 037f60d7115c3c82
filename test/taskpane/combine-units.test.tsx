/** @jest-environment jsdom */
/**
 * 合并多个单位台账 in the pane: files picked through the file input are checked one at a time with
 * 已检查 n/N 个文件, the host is asked to write the two sheets with every file's outcome, the results
 * are listed (a file that cannot be read with its reason), and 清除标记 names the sheets it removed.
 * Where the browser cannot read .xlsx files, the pane says so instead.
 */
import "../support/jsdom-setup";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import type { CombineFileRunner } from "../../src/engine-worker/runner";
import { dialogButton, openClearConfirmation } from "../support/clear-confirmation";
import { auditLedger, FakeLedgerHost, sampleLedger } from "../support/fake-host";
import { fakeCombine } from "../support/fake-combine";

// jsdom's File has no `arrayBuffer` (every browser the pane supports has): read through FileReader.
if (typeof File.prototype.arrayBuffer !== "function") {
  File.prototype.arrayBuffer = function arrayBuffer(this: File) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

const TODAY = new Date(2025, 2, 31); // 2025-03-31, local
const LEDGERS = { "工程部.xlsx": sampleLedger(), "审计.xlsx": auditLedger() };

function renderPane(host: FakeLedgerHost, combineFile: CombineFileRunner, options: { canRead?: boolean } = {}) {
  const user = userEvent.setup({ applyAccept: false });
  render(
    <App host={host} lang="zh" now={() => TODAY} combineFile={combineFile} canReadFiles={options.canRead ?? true} />,
  );
  return user;
}

const file = (name: string) => new File([new Uint8Array([80, 75, 3, 4])], name);
const fileInput = () => screen.getByLabelText("各单位台账文件（.xlsx，可多选）");

describe("合并多个单位台账", () => {
  it("checks each picked file, writes the two sheets with every outcome, and lists the results", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const combine = fakeCombine(LEDGERS);
    const user = renderPane(host, combine.run);
    await user.upload(fileInput(), [file("工程部.xlsx"), file("审计.xlsx"), file("坏文件.xlsx")]);

    const notice = await screen.findByText(/已写入“各单位汇总”和“红黄灯清单”：2 个文件已汇总，1 个未能读取/);
    expect(notice).toBeInTheDocument();
    expect(combine.asked).toEqual(["工程部.xlsx", "审计.xlsx", "坏文件.xlsx"]);
    const [call] = host.callsOf("writeCombinedSheets");
    expect(call?.request.today).toBe("2025-03-31");
    expect(call?.request.outcomes.map((o) => [o.file, o.ok])).toEqual([
      ["工程部.xlsx", true],
      ["审计.xlsx", true],
      ["坏文件.xlsx", false],
    ]);
    // The table: one row per file read, then the totals; the unreadable file with its reason.
    const table = screen.getByRole("table", { name: "各文件检查结果" });
    const rows = within(table).getAllByRole("row");
    const read = call?.request.outcomes.filter((o) => o.ok) ?? [];
    expect(rows).toHaveLength(1 + read.length + 1);
    const engineering = read.find((o) => o.file === "工程部.xlsx");
    expect(rows[1]).toHaveTextContent(`${engineering?.unit}工程部.xlsx${engineering?.summary?.items}`);
    const items = read.reduce((n, o) => n + (o.summary?.items ?? 0), 0);
    const red = read.reduce((n, o) => n + (o.summary?.byLight.red ?? 0), 0);
    expect(
      within(rows[3] as HTMLElement)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "合计",
      String(items),
      String(red),
      String(read.reduce((n, o) => n + (o.summary?.byLight.yellow ?? 0), 0)),
    ]);
    expect(screen.getByRole("list", { name: "未能读取" })).toHaveTextContent("坏文件.xlsx：不是 Excel 工作簿（.xlsx）");
    // The sheet is offered as a link.
    await user.click(screen.getByRole("button", { name: /各单位汇总/ }));
    expect(host.callsOf("selectCell")).toEqual([{ method: "selectCell", sheet: "各单位汇总", address: "A1" }]);
  });

  it("gives the unit column the room: the table sized by content, the counts narrow, unwrapped and right-aligned", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host, fakeCombine(LEDGERS).run);
    await user.upload(fileInput(), [file("工程部.xlsx"), file("审计.xlsx")]);
    const table = await screen.findByRole("table", { name: "各文件检查结果" });
    // Fluent's table is `table-layout: fixed` (four equal columns); ours is sized by its content.
    expect(getComputedStyle(table).tableLayout).toBe("auto");
    const [header, first] = within(table).getAllByRole("row");
    const unit = within(first as HTMLElement).getAllByRole("cell")[0] as HTMLElement;
    expect(getComputedStyle(unit).width).not.toBe("1%");
    const counts = [
      ...within(header as HTMLElement)
        .getAllByRole("columnheader")
        .slice(1),
      ...within(first as HTMLElement)
        .getAllByRole("cell")
        .slice(1),
    ];
    expect(counts).toHaveLength(6);
    for (const cell of counts) {
      const style = getComputedStyle(cell);
      expect([style.textAlign, style.whiteSpace, style.width]).toEqual(["end", "nowrap", "1%"]);
    }
  });

  it("says how many files it has checked while it works, and keeps the other buttons waiting", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const combine = fakeCombine(LEDGERS, { hold: true });
    const user = renderPane(host, combine.run);
    await user.upload(fileInput(), [file("工程部.xlsx"), file("审计.xlsx")]);
    expect(await screen.findByText("已检查 0/2 个文件")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "评估" })).toBeDisabled();
    expect(screen.getByRole("button", { name: /正在合并/ })).toBeDisabled();
    await act(async () => combine.release());
    expect(await screen.findByText("已检查 1/2 个文件")).toBeInTheDocument();
    await act(async () => combine.release());
    await screen.findByText(/已写入“各单位汇总”/);
    expect(screen.getByRole("button", { name: "评估" })).toBeEnabled();
  });

  it("says when a user's sheet had the name, and the host's error when the write fails", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    host.combinedOutcome = { unitsSheet: "各单位汇总 (2)", warningsSheet: "红黄灯清单", renamedFrom: ["各单位汇总"] };
    const user = renderPane(host, fakeCombine(LEDGERS).run);
    await user.upload(fileInput(), [file("工程部.xlsx")]);
    expect(
      await screen.findByText(/工作簿中已有同名的表（各单位汇总），本次写入“各单位汇总 \(2\)”/),
    ).toBeInTheDocument();

    host.failNext.writeCombinedSheets = { code: "protected", message: { zh: "工作簿结构受保护", en: "Protected" } };
    await user.upload(fileInput(), [file("工程部.xlsx")]);
    expect(await screen.findByRole("alert")).toHaveTextContent("工作簿结构受保护");
  });

  it("清除标记 names the consolidation's sheets it removed", async () => {
    const host = new FakeLedgerHost(sampleLedger());
    const user = renderPane(host, fakeCombine(LEDGERS).run);
    await user.upload(fileInput(), [file("工程部.xlsx")]);
    await screen.findByText(/已写入“各单位汇总”/);
    const dialog = await openClearConfirmation(user);
    await user.click(await dialogButton(dialog, "清除标记"));
    await waitFor(() =>
      expect(screen.getByText(/已清除：合并汇总表“各单位汇总”；合并汇总表“红黄灯清单”/)).toBeInTheDocument(),
    );
  });

  it("where the browser cannot read .xlsx files, says so instead of offering the files", () => {
    renderPane(new FakeLedgerHost(sampleLedger()), fakeCombine(LEDGERS).run, { canRead: false });
    expect(screen.getByRole("note")).toHaveTextContent("此浏览器不能读取 .xlsx 文件（缺少 DecompressionStream）");
    expect(screen.queryByLabelText("各单位台账文件（.xlsx，可多选）")).toBeNull();
  });
});
