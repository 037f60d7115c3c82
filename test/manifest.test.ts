/**
 * The add-in manifest: what Office reads before any of our code runs. A broken id, an icon of the
 * wrong size or a requirement set above what the adapter needs would only show up when a user
 * sideloads the add-in, so they are checked here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
const repo = join(__dirname, "..");
const manifestPath = join(repo, "manifest.xml");
const xml = readFileSync(manifestPath, "utf8");
const DEV_BASE = "https://localhost:3000/";

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (bytes.subarray(12, 16).toString("ascii") !== "IHDR") throw new Error(`${file} has no IHDR first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every `<bt:Image size=… resid=…>` use, with the URL its resource id resolves to. */
function iconUses(): { size: number; url: string }[] {
  const resources = new Map<string, string>();
  for (const m of xml.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"\s*\/>/g)) resources.set(m[1]!, m[2]!);
  return [...xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\s*\/>/g)].map((m) => {
    const url = resources.get(m[2]!);
    if (!url) throw new Error(`icon resid ${m[2]} has no bt:Image resource`);
    return { size: Number(m[1]), url };
  });
}

function assetFile(url: string): string {
  expect(url.startsWith(`${DEV_BASE}assets/`)).toBe(true);
  return join(repo, url.slice(DEV_BASE.length));
}

/**
 * office-addin-manifest's XML reader. The package loads its JSON-manifest support eagerly
 * (@microsoft/app-manifest → ajv-draft-04, which in this install resolves ajv 6 instead of the ajv 8 it
 * needs) and its own ESM-only copy of uuid, which jest's CommonJS runtime cannot require. The XML reader
 * uses neither, so both are stubbed rather than letting an unrelated dependency fail this test.
 */
function manifestReader(): typeof import("office-addin-manifest").OfficeAddinManifest {
  jest.doMock("@microsoft/app-manifest", () => ({}));
  const nestedUuid = join(repo, "node_modules/office-addin-manifest/node_modules/uuid/dist-node/index.js");
  if (existsSync(nestedUuid)) jest.doMock(nestedUuid, () => ({ v4: () => "00000000-0000-4000-8000-000000000000" }));
  return (require("office-addin-manifest") as typeof import("office-addin-manifest")).OfficeAddinManifest;
}

const xmllintAvailable = spawnSync("xmllint", ["--version"]).error === undefined;
const schemaCandidates = [
  process.env.SHARED_DIR && join(process.env.SHARED_DIR, "schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd"),
  join(repo, "../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd"),
].filter((p): p is string => Boolean(p));
const schema = schemaCandidates.find((p) => existsSync(p));

describe("manifest.xml", () => {
  it("reads with office-addin-manifest as an Excel task-pane add-in with a GUID id", async () => {
    const info = await manifestReader().readManifestFile(manifestPath);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultLocale).toBe("zh-CN");
    expect(info.displayName).toBe("整改台账助手");
    expect(info.appDomains ?? []).toEqual([]);
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_BASE}taskpane.html`);
    expect(info.supportUrl).toBe(`${DEV_BASE}help.html`);
  });

  it("has an en-US override for every localised string", () => {
    const localised = [...xml.matchAll(/<(DisplayName|Description|bt:String)\b[^>]*DefaultValue="[^"]*"\s*>/g)];
    expect(localised.length).toBeGreaterThanOrEqual(7);
    const overrides = [...xml.matchAll(/<(?:bt:)?Override Locale="en-US" Value="[^"]+"\s*\/>/g)];
    expect(overrides).toHaveLength(localised.length);
  });

  it("points every URL at the dev server (the build rewrites them) and needs no other domain", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(DEV_BASE)).toBe(true);
    expect(xml).not.toMatch(/<AppDomain>/);
  });

  it("opens the task pane from a 整改台账 group on the Home tab", () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">\s*<Group id="[^"]+">\s*<Label resid="ZGTZ.Group.Label"\/>/);
    expect(xml).toMatch(/<bt:String id="ZGTZ.Group.Label" DefaultValue="整改台账">/);
    expect(xml).toMatch(/<bt:String id="ZGTZ.TaskpaneButton.Label" DefaultValue="整改台账助手">/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="ZGTZ.Taskpane.Url"\/>/);
    expect(xml).toMatch(/<bt:Url id="ZGTZ.Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
    expect(xml).toMatch(/<bt:Url id="ZGTZ.Commands.Url" DefaultValue="https:\/\/localhost:3000\/commands.html"\/>/);
  });

  it("requires ExcelApi 1.4 and nothing newer (newer APIs are feature-detected)", () => {
    const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml)?.[1] ?? "";
    expect(requirements).toMatch(/<Sets DefaultMinVersion="1.1">/);
    const sets = [...requirements.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\s*\/>/g)].map((m) => [m[1], m[2]]);
    expect(sets).toEqual([["ExcelApi", "1.4"]]);
  });

  it("references icon files that exist at the pixel size the manifest claims", () => {
    const uses = iconUses();
    expect(new Set(uses.map((u) => u.size))).toEqual(new Set([16, 32, 80]));
    for (const { size, url } of uses) expect(pngSize(assetFile(url))).toEqual({ width: size, height: size });

    const iconUrl = /<IconUrl DefaultValue="([^"]+)"/.exec(xml)?.[1] ?? "";
    const highRes = /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(xml)?.[1] ?? "";
    expect(pngSize(assetFile(iconUrl))).toEqual({ width: 32, height: 32 });
    expect(pngSize(assetFile(highRes))).toEqual({ width: 64, height: 64 });
  });

  it("ships every icon size the generator draws (16, 32, 64, 80, 128)", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(join(repo, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  (xmllintAvailable && schema ? it : it.skip)("validates against the offline add-in manifest XSD", () => {
    const run = spawnSync("xmllint", ["--noout", "--schema", schema!, manifestPath], { encoding: "utf8" });
    expect(run.stderr).toContain("validates");
    expect(run.status).toBe(0);
  });

  (xmllintAvailable && schema ? it : it.skip)(
    "is accepted by npm run validate, which rejects a broken manifest",
    () => {
      const ok = spawnSync("node", ["scripts/validate-manifest.mjs"], { cwd: repo, encoding: "utf8" });
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain("office-addin-manifest validate");
      const missing = spawnSync("node", ["scripts/validate-manifest.mjs", "no-such-manifest.xml"], {
        cwd: repo,
        encoding: "utf8",
      });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain("does not exist");
    },
  );
});

describe("production manifest (webpack.config.js)", () => {
  const config = require("../webpack.config.js") as {
    rewriteManifestUrls(content: string, base: string): string;
    baseUrl(env: Record<string, string | undefined>): string;
    contentSecurityPolicy(officeJs: string | null): string;
  };

  it("rewrites every dev URL to ADDIN_BASE_URL (with a trailing slash) and nothing else", () => {
    const base = config.baseUrl({ ADDIN_BASE_URL: "https://addins.example.gov.cn/zgtz" });
    expect(base).toBe("https://addins.example.gov.cn/zgtz/");
    expect(config.baseUrl({})).toBe(DEV_BASE);
    const prod = config.rewriteManifestUrls(xml, base);
    expect(prod).not.toContain(DEV_BASE);
    expect(prod.split(base).length - 1).toBe(xml.split(DEV_BASE).length - 1);
    expect(prod.replaceAll(base, DEV_BASE)).toBe(xml);
  });

  it("allows scripts only from the add-in and Microsoft's office.js host", () => {
    expect(config.contentSecurityPolicy("https://appsforoffice.microsoft.com/lib/1/hosted/office.js")).toBe(
      "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'; worker-src 'self'",
    );
    expect(config.contentSecurityPolicy("office-js/office.js")).toContain("script-src 'self';");
    expect(config.contentSecurityPolicy(null)).toContain("script-src 'self';");
  });
});
