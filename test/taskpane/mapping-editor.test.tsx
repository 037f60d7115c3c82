/** @jest-environment jsdom */
/**
 * The mapping editor as a clerk meets it: compact (the mapped fields, the rest behind 显示全部字段),
 * a field set to 无此列 stays in sight, and saving says it was saved.
 */
import "../support/jsdom-setup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FIELD_KEYS } from "../../src/core/types";
import { App } from "../../src/taskpane/App";
import { initialChoices, listedFields } from "../../src/taskpane/components/MappingEditor";
import { FakeLedgerHost, sampleLedger } from "../support/fake-host";

const TODAY = new Date(2025, 2, 31);
/** The sample ledger's nine header columns. */
const SAMPLE_FIELDS = ["seq", "description", "measures", "unit", "owner", "deadline", "status", "closed", "evidence"];

async function editorOpen() {
  const host = new FakeLedgerHost(sampleLedger());
  const user = userEvent.setup();
  render(<App host={host} lang="zh" now={() => TODAY} />);
  await user.click(await screen.findByRole("button", { name: "评估" }));
  await user.click(await screen.findByRole("button", { name: "修改对应关系" }));
  return { host, user };
}

const fieldSelects = () => document.querySelectorAll("select[data-field]");

describe("listedFields", () => {
  const auto = initialChoices({ headerRow: null, columns: {} });
  it.each<[string, Parameters<typeof listedFields>, readonly string[]]>([
    ["the detected fields", [{ seq: 1, owner: 5 }, auto, new Set(), false], ["seq", "owner"]],
    [
      "and those with a stored choice, 无此列 included",
      [{ seq: 1 }, initialChoices({ headerRow: null, columns: { note: null, status: "G" } }), new Set(), false],
      ["seq", "status", "note"],
    ],
    ["and those touched while the editor is open", [{ seq: 1 }, auto, new Set(["leader" as const]), false], ["seq", "leader"]],
    [
      "the essential ones when nothing was detected",
      [{}, auto, new Set(), false],
      ["seq", "description", "measures", "unit", "owner", "deadline", "status", "completed", "closed", "evidence"],
    ],
    ["every field when asked", [{ seq: 1 }, auto, new Set(), true], FIELD_KEYS],
  ])("lists %s", (_name, args, fields) => {
    expect(listedFields(...args)).toEqual(fields);
  });
});

describe("the mapping editor in the pane", () => {
  it("opens compact: one line per mapped field, the rest behind 显示全部字段", async () => {
    const { user } = await editorOpen();
    expect([...fieldSelects()].map((select) => select.getAttribute("data-field"))).toEqual(SAMPLE_FIELDS);
    const more = FIELD_KEYS.length - SAMPLE_FIELDS.length;
    await user.click(screen.getByRole("button", { name: `显示全部字段（另有 ${more} 个）` }));
    expect(fieldSelects()).toHaveLength(FIELD_KEYS.length);
    expect(screen.getByText("延期与金额（可选）")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "只显示已对应的字段" }));
    expect(fieldSelects()).toHaveLength(SAMPLE_FIELDS.length);
  });

  it("keeps a field set to 无此列 in the list, there and in the editor next time", async () => {
    const { host, user } = await editorOpen();
    await user.selectOptions(screen.getByRole("combobox", { name: "“佐证材料”所在列" }), "none");
    // Still listed while the editor is open.
    expect(screen.getByRole("combobox", { name: "“佐证材料”所在列" })).toHaveValue("none");
    await user.click(screen.getByRole("button", { name: "保存并重新评估" }));
    await waitFor(() => expect(host.callsOf("evaluate")).toHaveLength(2));
    expect(host.callsOf("saveSettings")[0]?.settings.mapping.columns).toEqual({ evidence: null });

    const listed = await screen.findByText((_, element) => element?.getAttribute("data-field") === "evidence");
    expect(listed).toHaveTextContent("无此列（手动）");
    await user.click(screen.getByRole("button", { name: "修改对应关系" }));
    expect(screen.getByRole("combobox", { name: "“佐证材料”所在列" })).toHaveValue("none");
  });

  it("says 已保存 beside the mapping once it is saved and the ledger evaluated again", async () => {
    const { user } = await editorOpen();
    await user.selectOptions(screen.getByRole("combobox", { name: "“责任人”所在列" }), "D");
    await user.click(screen.getByRole("button", { name: "保存并重新评估" }));
    // The evaluation that follows the save draws its results afresh (a transition, after the host answers).
    const heading = await screen.findByRole("heading", { name: "表头与列对应" });
    const layout = heading.closest("section") as HTMLElement;
    expect(await within(layout).findByText("已保存：对应关系已存入工作簿，并已按它重新评估。")).toBeInTheDocument();
  });

  it("keeps Save and the other buttons stuck to the bottom of the pane while the list scrolls", async () => {
    await editorOpen();
    const save = screen.getByRole("button", { name: "保存并重新评估" });
    expect(getComputedStyle(save.parentElement as HTMLElement).position).toBe("sticky");
  });
});
