/**
 * Issue #5, part 6 (SPEC §8: "No data leaves the machine: no network calls besides loading the
 * add-in's own files, no telemetry"), on the PRODUCTION bundle — the one users get, with office.js
 * from Microsoft's CDN — built once here into a temporary folder (`webpack --mode production --env
 * outputPath=…`, about 30 s; OFFICE_JS and ADDIN_BASE_URL are cleared so the defaults are what is
 * checked). test/manifest.test.ts checks the CSP *function*; test/browser checks the *preview*
 * bundle in Chromium; this checks what the production pages and scripts actually contain.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/reliability";

jest.setTimeout(300_000);

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
let out: string;
let scripts: { name: string; text: string }[];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "zgtz-prod-"));
  const env = { ...process.env };
  delete env.OFFICE_JS;
  delete env.ADDIN_BASE_URL;
  const build = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--env", `outputPath=${out}`],
    { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (build.status !== 0) throw new Error(`production build failed:\n${build.stdout}\n${build.stderr}`);
  scripts = readdirSync(out)
    .filter((f) => f.endsWith(".js"))
    .map((name) => ({ name, text: readFileSync(join(out, name), "utf8") }));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The tags of an HTML page with their attributes (the production pages are minified: quotes are optional). */
function tags(html: string): { name: string; attrs: Map<string, string> }[] {
  return [...html.matchAll(/<([a-zA-Z]+)((?:\s+[^\s=>]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)].map((m) => ({
    name: (m[1] ?? "").toLowerCase(),
    attrs: new Map(
      [...(m[2] ?? "").matchAll(/([^\s=>]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((a) => [
        (a[1] ?? "").toLowerCase(),
        (a[2] ?? "").replace(/^["']|["']$/g, ""),
      ]),
    ),
  }));
}

/** The page's CSP meta, as directive → sources. */
function csp(page: string): Map<string, string[]> {
  const metas = tags(readFileSync(join(out, page), "utf8")).filter(
    (t) => t.name === "meta" && t.attrs.get("http-equiv")?.toLowerCase() === "content-security-policy",
  );
  expect(metas).toHaveLength(1);
  return new Map(
    (metas[0]?.attrs.get("content") ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = "", ...sources]) => [name, sources]),
  );
}

describe.each(["taskpane.html", "commands.html"])("%s", (page) => {
  it("has a CSP allowing only its own files and Microsoft's office.js host", () => {
    const policy = csp(page);
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "https://appsforoffice.microsoft.com"],
      // Fluent UI (griffel) injects <style> elements at run time; no remote style is allowed.
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "connect-src": ["'self'"],
      // The engine's Web Worker, from the add-in's own files only (no blob: or data: workers).
      "worker-src": ["'self'"],
    });
    // No wildcard, no eval, no inline script anywhere in the policy.
    for (const sources of policy.values()) {
      for (const s of sources) expect(s).not.toMatch(/^\*$|^https?:$|\*\.|'unsafe-eval'|^http:/);
    }
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("loads scripts only from here and office.js from Microsoft, and nothing else from outside", () => {
    const html = readFileSync(join(out, page), "utf8");
    const all = tags(html);
    const urls = all.flatMap((t) => ["src", "href", "action", "data"].flatMap((a) => t.attrs.get(a) ?? []));
    expect(urls.filter((url) => /^(https?:)?\/\//i.test(url))).toEqual([OFFICE_JS]);
    // Every other script is one of ours, and there is no inline script (the CSP would block it anyway).
    const scriptsHere = all.filter((t) => t.name === "script").map((t) => t.attrs.get("src") ?? "(inline)");
    expect(scriptsHere.filter((src) => src !== OFFICE_JS).every((src) => /^[\w.-]+\.js$/.test(src))).toBe(true);
    expect(html).not.toMatch(/<script(?:\s+(?!src=)[^\s>]+)*>\s*[^<\s]/);
  });
});

describe("the production JavaScript", () => {
  it("is there (taskpane and commands entries, the engine worker, the page guard, the reader 合并 loads late)", () => {
    expect(scripts.map((s) => s.name.split(".")[0]).sort()).toEqual([
      "commands",
      "engine-worker",
      "guard",
      "taskpane",
      "xlsx-reader",
    ]);
  });

  it.each([
    ["fetch(", /\bfetch\s*\(/],
    ["XMLHttpRequest", /XMLHttpRequest/],
    ["WebSocket", /WebSocket/],
    ["navigator.sendBeacon", /sendBeacon/],
    ["EventSource", /EventSource/],
    ["a service worker", /serviceWorker/],
    ["Application Insights telemetry", /applicationinsights|ApplicationInsights|appInsights/],
    ["office-addin-usage-data telemetry", /office-addin-usage-data|usageData|UsageData/],
  ])("makes no network call or telemetry: no %s", (_label, pattern) => {
    for (const { name, text } of scripts)
      expect({ name, found: pattern.exec(text)?.[0] ?? null }).toEqual({ name, found: null });
  });

  /**
   * Every absolute URL in the bundle, each explained. None is ever requested: they are identifiers or
   * text, and the CSP's connect-src 'self' would block a request to them anyway.
   */
  const ALLOWED: Record<string, string> = {
    // XML namespaces React DOM uses to create SVG/MathML elements (identifiers, never fetched).
    "http://www.w3.org/1999/xhtml": "React DOM: HTML namespace",
    "http://www.w3.org/2000/svg": "React DOM: SVG namespace (Fluent icons)",
    "http://www.w3.org/1998/Math/MathML": "React DOM: MathML namespace",
    "http://www.w3.org/1999/xlink": "React DOM: xlink attribute namespace",
    "http://www.w3.org/XML/1998/namespace": "React DOM: xml: attribute namespace",
    // Text of React's production error messages (shown, never fetched).
    "https://reactjs.org/docs/error-decoder.html?invariant=": "React: error-decoder link in error messages",
    // zod's JSON-Schema export writes these as `$schema` identifiers (the settings schema).
    "http://json-schema.org/draft-04/schema#": "zod: JSON Schema draft-04 identifier",
    "http://json-schema.org/draft-07/schema#": "zod: JSON Schema draft-07 identifier",
    "https://json-schema.org/draft/2020-12/schema": "zod: JSON Schema 2020-12 identifier",
    // zod's IPv6 check parses `http://[address]` with the URL constructor locally.
    "http://[${e}]": "zod: IPv6 validation, parsed with new URL(), never requested",
  };

  it("contains no URL but the explained ones (namespaces, identifiers, message text)", () => {
    const found = new Set<string>();
    for (const { text } of scripts) for (const m of text.matchAll(/https?:\/\/[^"'`\s)\\]+/g)) found.add(m[0]);
    const unexplained = [...found].filter((url) => !(url in ALLOWED) && !url.startsWith(OFFICE_JS));
    expect(unexplained).toEqual([]);
  });
});
