import { LINK_REQUEST_BYTES, valueBands } from "./value-bands";

describe("a heavy sheet's cells in bands", () => {
  it("writes a large sheet's cells in bands of whole rows, each under the budget; a small one with the batch", () => {
    const values = Array.from({ length: 100 }, (_, r) => [`第${r + 1}行`, r]);
    const formats = values.map(() => ["General", "0"]);
    const grid = { values, formats, rect: { top: 1, left: 1, bottom: 100, right: 2 }, links: [] };
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

  it("counts each hyperlink in its row's request and writes it with its band", () => {
    const values = Array.from({ length: 40 }, (_, r) => [`第${r + 1}行`]);
    const formats = values.map(() => ["General"]);
    const rect = { top: 5, left: 2, bottom: 44, right: 2 };
    const plain = valueBands({ values, formats, rect, links: [] }, { inlineBytes: 100, bandBytes: 1_000 }) ?? [];
    // Every row linked: each weighs a few hundred bytes more, so the same rows need more bands.
    const links = values.map((_, r) => ({ row: rect.top + r, col: 2, target: `'整改台账'!A${r + 3}` }));
    const linked = valueBands({ values, formats, rect, links }, { inlineBytes: 100, bandBytes: 1_000 }) ?? [];
    expect(linked.length).toBeGreaterThan(plain.length);
    expect(linked.flatMap((b) => b.links)).toEqual(links);
    for (const band of linked) {
      expect(band.links.map((l) => l.row)).toEqual(band.values.map((_, i) => band.rect.top + i));
      const bytes = JSON.stringify(band.values).length + JSON.stringify(band.formats).length;
      expect(bytes + band.links.length * LINK_REQUEST_BYTES).toBeLessThanOrEqual(1_000);
    }
    // Light cells alone would ride in the batch; their links make them too heavy for it.
    expect(valueBands({ values, formats, rect, links: [] }, { inlineBytes: 2_000, bandBytes: 4_000 })).toBeNull();
    expect(valueBands({ values, formats, rect, links }, { inlineBytes: 2_000, bandBytes: 4_000 })).not.toBeNull();
  });
});
