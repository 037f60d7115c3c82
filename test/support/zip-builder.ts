/**
 * Builds ZIP packages byte by byte for tests of the reader: stored or deflated entries with their
 * CRC, and on request what other programs (or attackers) write — ZIP64 records, an encrypted flag,
 * sizes and CRCs that lie, an end record cut off. Small files only; a "large" entry is described
 * by its declared sizes, never written out.
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipFile {
  readonly name: string;
  readonly data: Buffer | string;
  /** Default: deflated. */
  readonly stored?: boolean;
  /** General-purpose flags (bit 0: encrypted). */
  readonly flags?: number;
  /** Compression method written in the headers (default 0 or 8 as stored says). */
  readonly method?: number;
  /** The unpacked size the directory declares (default: the real one). */
  readonly declaredSize?: number;
  /** The CRC the directory declares (default: the real one). */
  readonly declaredCrc?: number;
  /** Already-compressed bytes to store as the entry's data (with `declaredSize`). */
  readonly raw?: Buffer;
}

export interface ZipOptions {
  /** Write ZIP64 records: saturated 32-bit fields, ZIP64 extra fields and end record + locator. */
  readonly zip64?: boolean;
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

export function buildZip(files: readonly ZipFile[], options: ZipOptions = {}): Buffer {
  const zip64 = options.zip64 === true;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const content = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
    const stored = file.stored === true;
    const data = file.raw ?? (stored ? content : deflateRawSync(content));
    const method = file.method ?? (stored ? 0 : 8);
    const size = file.declaredSize ?? content.length;
    const crc = file.declaredCrc ?? crc32(content);
    const flags = file.flags ?? 0x0800; // UTF-8 names
    const extraLocal = zip64 ? Buffer.concat([u16(1), u16(16), u64(size), u64(data.length)]) : Buffer.alloc(0);
    const local = Buffer.concat([
      u32(0x04034b50),
      u16(zip64 ? 45 : 20),
      u16(flags),
      u16(method),
      u16(0),
      u16(0x21),
      u32(crc),
      u32(zip64 ? 0xffffffff : data.length),
      u32(zip64 ? 0xffffffff : size),
      u16(name.length),
      u16(extraLocal.length),
      name,
      extraLocal,
    ]);
    const extraCentral = zip64
      ? Buffer.concat([u16(1), u16(24), u64(size), u64(data.length), u64(offset)])
      : Buffer.alloc(0);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(zip64 ? 45 : 20),
        u16(zip64 ? 45 : 20),
        u16(flags),
        u16(method),
        u16(0),
        u16(0x21),
        u32(crc),
        u32(zip64 ? 0xffffffff : data.length),
        u32(zip64 ? 0xffffffff : size),
        u16(name.length),
        u16(extraCentral.length),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(zip64 ? 0xffffffff : offset),
        name,
        extraCentral,
      ]),
    );
    locals.push(local, data);
    offset += local.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const recordAt = offset + directory.length;
    tail.push(
      Buffer.concat([
        u32(0x06064b50),
        u64(44),
        u16(45),
        u16(45),
        u32(0),
        u32(0),
        u64(files.length),
        u64(files.length),
        u64(directory.length),
        u64(offset),
      ]),
      Buffer.concat([u32(0x07064b50), u32(0), u64(recordAt), u32(1)]),
    );
  }
  tail.push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(zip64 ? 0xffff : files.length),
      u16(zip64 ? 0xffff : files.length),
      u32(zip64 ? 0xffffffff : directory.length),
      u32(zip64 ? 0xffffffff : offset),
      u16(0),
    ]),
  );
  return Buffer.concat([...locals, directory, ...tail]);
}

/** A minimal workbook's parts around the given sheets (XML of each `<worksheet>`), as `ZipFile`s. */
export function workbookFiles(
  sheets: Readonly<Record<string, string>>,
  extra: { sharedStrings?: readonly string[]; styles?: string } = {},
): ZipFile[] {
  const names = Object.keys(sheets);
  const files: ZipFile[] = [
    {
      name: "[Content_Types].xml",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    },
    {
      name: "_rels/.rels",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: "xl/workbook.xml",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        "</sheets></workbook>",
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        names
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join("") +
        `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        "</Relationships>",
    },
    {
      name: "xl/styles.xml",
      data:
        extra.styles ??
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    },
    {
      name: "xl/sharedStrings.xml",
      data:
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        (extra.sharedStrings ?? []).map((s) => `<si><t>${escapeXml(s)}</t></si>`).join("") +
        "</sst>",
    },
    ...names.map((n, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheets[n] ?? "" })),
  ];
  return files;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** `<worksheet>` around rows of `<sheetData>` (and anything after it, such as `<mergeCells>`). */
export function worksheet(rows: string, after = ""): string {
  return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}
