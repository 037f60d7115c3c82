import { contextFrom, itemFrom } from "../../../test/support/item-factory";
import { runRule } from "./index";
import { unknownType } from "./unknown-type";

describe("unknown-type", () => {
  it("reports a type the parser did not know, at the type cell", () => {
    const item = itemFrom({ row: 5, typeUnknown: true, cells: { type: "马上改" } });
    const [finding, ...rest] = runRule(unknownType, contextFrom({ items: [item] }));
    expect(rest).toEqual([]);
    expect(finding).toEqual(
      expect.objectContaining({ rule: "unknown-type", severity: "warning", row: 5, cell: "F5", field: "type" }),
    );
    expect(finding?.message).toEqual({
      zh: "整改类型“马上改”无法识别，请填写立行立改、限期整改或长效治理",
      en: 'Type (整改类型) "马上改" is not recognised: use 立行立改, 限期整改 or 长效治理',
    });
  });

  it.each([
    ["a known type", { type: "immediate" as const, cells: { type: "立行立改" } }],
    ["an empty type", { cells: { type: "" } }],
  ])("is silent for %s", (_label, spec) => {
    expect(runRule(unknownType, contextFrom({ items: [itemFrom(spec)] }))).toEqual([]);
  });
});
