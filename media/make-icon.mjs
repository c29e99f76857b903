// Draws media/icon.png (128x128 RGBA): a storage cylinder over three replica dots on a blue
// rounded square. No dependencies: shapes by distance functions, 4x4 supersampling, zlib PNG.
// Run: node media/make-icon.mjs
import { writeFileSync } from 'fs';
import { deflateSync } from 'zlib';
import { fileURLToPath } from 'url';

const N = 128;
const BLUE = [0x32, 0x6c, 0xe5];
const WHITE = [255, 255, 255];
const HALF = 3; // half stroke width

const roundRect = (x, y) => {
  const r = 24, lo = 4 + r, hi = 124 - r;
  const dx = Math.max(lo - x, 0, x - hi), dy = Math.max(lo - y, 0, y - hi);
  return Math.hypot(dx, dy) <= r;
};
// Approximate distance to an ellipse outline: |F| / |grad F|.
const ellipseDist = (x, y, cx, cy, rx, ry) => {
  const dx = x - cx, dy = y - cy;
  const f = (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) - 1;
  const g = Math.hypot((2 * dx) / (rx * rx), (2 * dy) / (ry * ry)) || 1e-9;
  return Math.abs(f) / g;
};
const segDist = (x, y, x1, y1, x2, y2) => {
  const vx = x2 - x1, vy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - x1 - t * vx, y - y1 - t * vy);
};
const white = (x, y) => {
  if (ellipseDist(x, y, 64, 30, 34, 11) <= HALF) return true;
  if (y >= 52 && ellipseDist(x, y, 64, 52, 34, 11) <= HALF) return true;
  if (y >= 74 && ellipseDist(x, y, 64, 74, 34, 11) <= HALF) return true;
  if (segDist(x, y, 30, 30, 30, 74) <= HALF || segDist(x, y, 98, 30, 98, 74) <= HALF) return true;
  for (const cx of [34, 64, 94]) {
    if (Math.hypot(x - cx, y - 106) <= 8) return true;
  }
  if (segDist(x, y, 34, 82, 34, 98) <= 2 || segDist(x, y, 64, 86, 64, 98) <= 2 || segDist(x, y, 94, 82, 94, 98) <= 2) return true;
  return false;
};

const S = 4;
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    let a = 0, w = 0;
    for (let sy = 0; sy < S; sy++)
      for (let sx = 0; sx < S; sx++) {
        const px = x + (sx + 0.5) / S, py = y + (sy + 0.5) / S;
        if (roundRect(px, py)) {
          a++;
          if (white(px, py)) w++;
        }
      }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    const t = a ? w / a : 0;
    for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BLUE[c] * (1 - t) + WHITE[c] * t);
    raw[o + 3] = Math.round((255 * a) / (S * S));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = fileURLToPath(new URL('./icon.png', import.meta.url));
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
