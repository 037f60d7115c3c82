/** @jest-environment jsdom */
/** The mounted pane changes theme when the theme it follows (Office's, in Excel) changes. */
import "../support/jsdom-setup";
import { act, screen } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createExcelDouble } from "../../src/excel-double";
import { mountPane } from "../../src/taskpane/mount";
import { previewWorkbook } from "../../src/preview/workbook";
import type { ThemeName } from "../../src/taskpane/theme";

/** The pane's background colour variable as its provider declares it. */
function declaredBackground(): string | null {
  const css = [...document.styleSheets]
    .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
    .join("\n");
  const all = [...css.matchAll(/--colorNeutralBackground1:\s*([^;]+);/g)].map((m) => m[1]?.trim() ?? "");
  return all.at(-1) ?? null;
}

it("follows the theme reported after mounting", async () => {
  document.body.innerHTML = '<div id="container"></div>';
  let report: ((theme: ThemeName) => void) | null = null;
  const double = createExcelDouble(previewWorkbook());
  await act(async () => {
    mountPane(
      { Excel: double.Excel, Office: double.Office },
      {
        lang: "zh",
        theme: "light",
        followTheme: (onChange) => {
          report = onChange;
          return () => undefined;
        },
      },
    );
  });
  await screen.findByRole("heading", { name: "整改台账助手" });
  expect(declaredBackground()).toBe(webLightTheme.colorNeutralBackground1);
  await act(async () => report?.("dark"));
  expect(declaredBackground()).toBe(webDarkTheme.colorNeutralBackground1);
});
