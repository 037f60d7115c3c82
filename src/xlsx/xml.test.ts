import fc from "fast-check";
import { CLOSE, decodeXml, detectEncoding, END, OPEN, TEXT, toUtf8, XmlError, XmlScanner } from "./xml";

/** Every token of `xml` fed in the given chunk sizes, as readable strings. */
function tokens(xml: string | Uint8Array, chunk = Infinity): string[] {
  const bytes = typeof xml === "string" ? Buffer.from(xml, "utf8") : xml;
  const scanner = new XmlScanner();
  const out: string[] = [];
  let text = "";
  const drain = () => {
    for (let token = scanner.next(); token !== END; token = scanner.next()) {
      if (token === TEXT) {
        text += scanner.text();
        continue;
      }
      if (text !== "") out.push(`"${text}"`);
      text = "";
      if (token === OPEN) {
        const attrs = [...scanner.attrMap()].map(([k, v]) => ` ${k}=${v}`).join("");
        out.push(`<${scanner.localName()}${attrs}${scanner.selfClosing ? "/" : ""}>`);
      } else if (token === CLOSE) out.push(`</${scanner.localName()}>`);
    }
  };
  for (let at = 0; at < bytes.length; at += chunk === Infinity ? bytes.length : chunk) {
    scanner.feed(bytes.subarray(at, chunk === Infinity ? bytes.length : at + chunk));
    drain();
  }
  scanner.finish();
  drain();
  if (text !== "") out.push(`"${text}"`);
  return out;
}

describe("XmlScanner: the XML rules the parts rely on", () => {
  it("reads attributes separated by tab, CR or LF, with white space around = and either quote", () => {
    expect(tokens('<c\tr="A1"\nt = "s"\r\ns=\'3\'><v>1</v></c>')).toEqual([
      "<c r=A1 t=s s=3>",
      "<v>",
      '"1"',
      "</v>",
      "</c>",
    ]);
  });

  it("compares names by their local part (namespace prefixes), and keeps qualified attribute names", () => {
    expect(tokens('<x:row r:id="rId1" x:r="2"><x:c/></x:row>')).toEqual(["<row r:id=rId1 x:r=2>", "<c/>", "</row>"]);
  });

  it("allows > inside attribute values and decodes entities and character references in them", () => {
    expect(tokens('<a v="1 &gt; 0 &amp; b>c &#x6574;&#25913;"/>')).toEqual(["<a v=1 > 0 & b>c 整改/>"]);
  });

  it("normalises white space in attribute values and line ends in text", () => {
    expect(tokens('<a v="x\ty\nz">1\r\n2\r3</a>')).toEqual(["<a v=x y z>", '"1\n2\n3"', "</a>"]);
  });

  it("skips the declaration, comments, processing instructions and a DOCTYPE with an internal subset; never expands entities", () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "BOOM"><!ENTITY y SYSTEM "file:///etc/passwd">]>' +
      "<a><!-- <b> is not a tag here --><?pi <c>?>&x;&y;</a>";
    expect(tokens(xml)).toEqual(["<a>", '"&x;&y;"', "</a>"]);
  });

  it("reads CDATA as text, markup and entities in it untouched", () => {
    expect(tokens("<t><![CDATA[a<b>&amp;]]></t>")).toEqual(["<t>", '"a<b>&amp;"', "</t>"]);
  });

  it("the same tokens whatever the chunks (a tag, a text, a character or an entity cut anywhere)", () => {
    const xml =
      '<?xml version="1.0"?><worksheet xmlns:x="u"><x:sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>整改 &amp; 验收</t></is></c></row></x:sheetData><!-- sheetData --></worksheet>';
    const whole = tokens(xml);
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), (chunk) => expect(tokens(xml, chunk)).toEqual(whole)));
  });

  it.each([
    ["an element closed by another name", "<a><b></a></b>", "mismatched end tag"],
    ["an element never closed", "<a><b></b>", "element not closed"],
    ["a tag cut off", "<a><b r=", "incomplete tag"],
    ["an unquoted attribute", "<a r=1/>", "unquoted attribute value"],
    ["attributes run together", '<a r="1"s="2"/>', "attributes not separated"],
    ["an attribute without a value", "<a r/>", "attribute without value"],
  ])("refuses %s", (_label, xml, reason) => {
    expect(() => tokens(xml)).toThrow(new XmlError(reason));
  });

  it("refuses nesting deeper than any part has (600,000 unclosed rows), after a bounded amount of work", () => {
    const xml = `<worksheet><sheetData>${"<row>".repeat(600_000)}`;
    expect(() => tokens(xml)).toThrow(new XmlError("nested too deeply"));
  });
});

describe("decodeXml", () => {
  it("replaces the five entities and character references; leaves anything else as written", () => {
    expect(decodeXml("&lt;&gt;&amp;&quot;&apos; &#65;&#x42; &nbsp; &#xFFFFFFF; & a;b")).toBe(
      "<>&\"' AB &nbsp; &#xFFFFFFF; & a;b",
    );
  });
});

describe("encodings", () => {
  const xml = '<?xml version="1.0" encoding="UTF-16"?><a v="台账"/>';
  it("detects UTF-16 by BOM or by its first bytes, and a declared 8-bit encoding", () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe("utf-16le");
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x3c]))).toBe("utf-16be");
    expect(detectEncoding(Buffer.from(xml, "utf16le"))).toBe("utf-16le");
    expect(detectEncoding(Buffer.from('<?xml version="1.0" encoding="GBK"?><a/>'))).toBe("gbk");
    expect(detectEncoding(Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-8"?><a/>'))).toBeNull();
  });

  it("turns a UTF-16 part into UTF-8 the tokenizer reads", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    expect(tokens(toUtf8(bytes, "utf-16le").subarray(0))).toContain("<a v=台账/>");
  });
});
