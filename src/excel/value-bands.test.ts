import { valueBands } from "./value-bands";

describe("a heavy sheet's cells in bands", () => {
  it("writes a large sheet's cells in bands of whole rows, each under the budget; a small one with the batch", () => {
    const values = Array.from({ length: 100 }, (_, r) => [`第${r + 1}行`, r]);
    const formats = values.map(() => ["General", "0"]);
    const grid = { values, formats, rect: { top: 1, left: 1, bottom: 100, right: 2 } };
    expect(valueBands(grid)).toBeNull();
    const bands = valueBands(grid, { inlineBytes: 100, bandBytes: 1_000 }) ?? [];
    expect(bands.length).toBeGreaterThan(2);
    expect(bands.flatMap((b) => b.values)).toEqual(values);
    expect(bands[0]?.rect.top).toBe(1);
    expect(bands[bands.length - 1]?.rect.bottom).toBe(100);
    bands.forEach((b, i) => {
      expect(b.rect.bottom - b.rect.top + 1).toBe(b.values.length);
      if (i > 0) expect(b.rect.top).toBe((bands[i - 1]?.rect.bottom ?? 0) + 1);
      expect(JSON.stringify(b.values).length + JSON.stringify(b.formats).length).toBeLessThanOrEqual(1_000);
    });
  });
});
