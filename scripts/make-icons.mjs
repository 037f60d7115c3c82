#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-{16,32,64,80,128}.png): a ledger sheet with an Excel-green
 * header band and grid lines, and a red/yellow/green traffic light standing in front of it — the
 * product in one picture (整改台账 + 红黄绿灯).
 *
 * Pure Node (zlib for the PNG's deflate), no image library, so the icons can be regenerated on any
 * machine and the output is byte-for-byte reproducible:
 *
 *     node scripts/make-icons.mjs            # writes assets/icon-*.png
 *
 * Shapes are described in a unit square and rendered with 4×4 supersampling for smooth edges;
 * lines get at least one device pixel so the 16 px icon still reads as a sheet.
 */
/* global Buffer, process, console */
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const ICON_SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 4;

const COLOURS = {
  sheet: [255, 255, 255],
  excelGreen: [33, 115, 70], // #217346, Excel's brand green
  gridLine: [176, 204, 188],
  textLine: [200, 200, 200],
  housing: [50, 49, 48], // #323130, Fluent's neutral foreground
  red: [232, 17, 35], // #E81123
  yellow: [255, 185, 0], // #FFB900
  green: [19, 161, 14], // #13A10E
};

/** Rounded rectangle test in unit coordinates. */
function inRoundedRect(x, y, r) {
  if (x < r.x0 || x > r.x1 || y < r.y0 || y > r.y1) return false;
  const cx = Math.min(Math.max(x, r.x0 + r.radius), r.x1 - r.radius);
  const cy = Math.min(Math.max(y, r.y0 + r.radius), r.y1 - r.radius);
  return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r.radius * r.radius;
}

/** The icon's shapes, back to front, for a given pixel size (line widths depend on it). */
function shapes(size) {
  const px = 1 / size;
  const line = Math.max(0.035, 1.1 * px);
  const sheet = { x0: 0.05, y0: 0.06, x1: 0.74, y1: 0.94, radius: 0.07 };
  const border = Math.max(0.045, 1.1 * px);
  const inner = {
    x0: sheet.x0 + border,
    y0: sheet.y0 + border,
    x1: sheet.x1 - border,
    y1: sheet.y1 - border,
    radius: 0.03,
  };
  const headerBottom = 0.3;
  const rows = size >= 32 ? [0.47, 0.63, 0.79] : [0.55, 0.75];
  const housing = { x0: 0.57, y0: 0.2, x1: 0.97, y1: 0.98, radius: 0.12 };
  const lampRadius = size >= 32 ? 0.095 : 0.1;
  const lampX = (housing.x0 + housing.x1) / 2;
  const lampYs = [0.335, 0.59, 0.845];
  const list = [];
  list.push({ colour: COLOURS.excelGreen, hit: (x, y) => inRoundedRect(x, y, sheet) });
  list.push({ colour: COLOURS.sheet, hit: (x, y) => inRoundedRect(x, y, inner) && y > headerBottom });
  for (const ry of rows) {
    list.push({
      colour: COLOURS.gridLine,
      hit: (x, y) => x > inner.x0 && x < inner.x1 && Math.abs(y - ry) <= line / 2,
    });
  }
  const colX = 0.27;
  list.push({
    colour: COLOURS.gridLine,
    hit: (x, y) => y > headerBottom && y < inner.y1 && Math.abs(x - colX) <= line / 2,
  });
  if (size >= 64) {
    // Text strokes in the cells at the larger sizes: it reads as a filled-in ledger.
    for (const ry of [0.39, 0.55, 0.71, 0.87]) {
      list.push({
        colour: COLOURS.textLine,
        hit: (x, y) => x > colX + 0.05 && x < 0.52 && Math.abs(y - ry) <= line * 0.7,
      });
    }
  }
  // A white outline around the traffic light separates it from the sheet behind it.
  const outline = {
    x0: housing.x0 - border,
    y0: housing.y0 - border,
    x1: housing.x1 + border,
    y1: housing.y1 + border,
    radius: housing.radius + border,
  };
  list.push({ colour: [255, 255, 255], hit: (x, y) => inRoundedRect(x, y, outline) });
  list.push({ colour: COLOURS.housing, hit: (x, y) => inRoundedRect(x, y, housing) });
  const lamps = [COLOURS.red, COLOURS.yellow, COLOURS.green];
  lampYs.forEach((ly, i) => {
    list.push({
      colour: lamps[i],
      hit: (x, y) => (x - lampX) * (x - lampX) + (y - ly) * (y - ly) <= lampRadius * lampRadius,
    });
  });
  return list;
}

/** RGBA pixels (non-premultiplied), row-major. */
function renderIcon(size) {
  const list = shapes(size);
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          let colour = null;
          for (const shape of list) if (shape.hit(x, y)) colour = shape.colour;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            covered++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        pixels[o] = Math.round(r / covered);
        pixels[o + 1] = Math.round(g / covered);
        pixels[o + 2] = Math.round(b / covered);
        pixels[o + 3] = Math.round((covered / n) * 255);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no filtering, maximum deflate). */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  // The repository is the parent of this script's folder (no import.meta: the lint parser predates it).
  const assets = join(dirname(resolve(process.argv[1])), "..", "assets");
  mkdirSync(assets, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(assets, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, renderIcon(size)));
    console.log(`wrote ${file}`);
  }
}

main();
