#!/usr/bin/env node
// Draws the skill's store icons (108x108 and 512x512 PNG) with nothing but node's zlib,
// so the icons can be regenerated without an image editor or a new dependency.
// Usage: node tools/make-icons.js [outputDir]   (default: assets/images)
// Writes smallIconUri.png and largeIconUri.png, which every locale's listing in skill.json
// names (file://assets/images/...): the icon carries no words, so one serves every locale.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = { smallIconUri: 108, largeIconUri: 512 };
const SUPERSAMPLE = 4; // samples per axis per pixel, for smooth edges

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
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// rgb: Uint8Array of size*size*3, opaque 8-bit RGB (colour type 2).
function encodePng(size, rgb) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = size * 3;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

const SKY_TOP = hex('#4f9fa8'); // calm teal
const SKY_BOTTOM = hex('#1f4a66'); // deep evening blue
const DISC = hex('#eaf5f2'); // soft pale circle behind the spine
const BONE = hex('#2f7f8c'); // vertebrae
const CUSHION = hex('#9fd3cc'); // discs between vertebrae

// Signed distance to a rounded box centred at (cx, cy) with half-size (hw, hh) and corner radius r.
function roundBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

// A gently curved column of five vertebrae, widest at the bottom like a lower back.
const VERTEBRAE = [0, 1, 2, 3, 4].map((i) => {
  const cy = 0.3 + i * 0.1;
  return { cx: 0.5 + 0.025 * Math.sin((i - 2) * 0.9), cy, hw: 0.085 + i * 0.012, hh: 0.036, r: 0.03 };
});
const CUSHIONS = VERTEBRAE.slice(0, -1).map((v, i) => {
  const next = VERTEBRAE[i + 1];
  return { cx: (v.cx + next.cx) / 2, cy: (v.cy + next.cy) / 2, hw: (v.hw + next.hw) / 2 - 0.03, hh: 0.011, r: 0.011 };
});

// Colour of the icon at unit coordinates (x, y) in [0, 1).
function shade(x, y) {
  let colour = mix(SKY_TOP, SKY_BOTTOM, y);
  if (Math.hypot(x - 0.5, y - 0.5) < 0.37) colour = DISC;
  for (const c of CUSHIONS) if (roundBox(x, y, c.cx, c.cy, c.hw, c.hh, c.r) < 0) colour = CUSHION;
  for (const v of VERTEBRAE) if (roundBox(x, y, v.cx, v.cy, v.hw, v.hh, v.r) < 0) colour = BONE;
  return colour;
}

function render(size) {
  const rgb = new Uint8Array(size * size * 3);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
        }
      }
      const o = (py * size + px) * 3;
      for (let k = 0; k < 3; k++) rgb[o + k] = Math.round(sum[k] / (n * n));
    }
  }
  return encodePng(size, rgb);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'assets', 'images'));
  fs.mkdirSync(outDir, { recursive: true });
  for (const [field, size] of Object.entries(SIZES)) {
    const png = render(size);
    const file = path.join(outDir, `${field}.png`);
    fs.writeFileSync(file, png);
    process.stdout.write(`${path.relative(process.cwd(), file)} ${size}x${size} ${png.length} bytes\n`);
  }
}

if (require.main === module) main();

module.exports = { render, encodePng, crc32 };
