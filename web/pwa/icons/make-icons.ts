// Draws the app's icon — a white village house with a flag on the brand red — with no downloads and
// no fonts: the shapes below are rasterised per pixel (4×4 supersampling for smooth edges), encoded
// as PNG with node:zlib and our own CRC-32, and written out as SVG too. Run:
// `npx tsx web/pwa/icons/make-icons.ts` → web/pwa/public/icons/.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
type Point = [number, number];
/** Coordinates in units of the icon's side: (0, 0) top left, (1, 1) bottom right. */
type Shape =
  | { kind: 'polygon'; points: Point[]; fill: string }
  | { kind: 'circle'; centre: Point; radius: number; fill: string }
  | { kind: 'roundedSquare'; radius: number; fill: string };

const RED = '#b3261e';
const WHITE = '#ffffff';
const YELLOW = '#ffd23f';

const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

// The house and the flag fit in 0.14…0.86, so scaled by 0.8 they stay inside a maskable icon's
// safe zone (the circle of radius 0.4 around the centre).
const picture: Shape[] = [
  { kind: 'polygon', points: rect(0.7, 0.2, 0.735, 0.8), fill: WHITE }, // the flagpole
  {
    kind: 'polygon',
    points: [
      [0.735, 0.2],
      [0.86, 0.235],
      [0.735, 0.34],
    ],
    fill: YELLOW,
  },
  {
    kind: 'polygon',
    points: [
      [0.14, 0.52],
      [0.41, 0.27],
      [0.68, 0.52],
    ],
    fill: WHITE,
  }, // the roof
  { kind: 'polygon', points: rect(0.2, 0.5, 0.62, 0.8), fill: WHITE }, // the walls
  { kind: 'polygon', points: rect(0.35, 0.6, 0.47, 0.8), fill: RED }, // the door
  { kind: 'circle', centre: [0.41, 0.43], radius: 0.04, fill: RED }, // the gable window
];

function scaled(shape: Shape, factor: number): Shape {
  const s = (p: Point): Point => [0.5 + (p[0] - 0.5) * factor, 0.5 + (p[1] - 0.5) * factor];
  if (shape.kind === 'polygon') return { ...shape, points: shape.points.map(s) };
  if (shape.kind === 'circle')
    return { ...shape, centre: s(shape.centre), radius: shape.radius * factor };
  return shape;
}

const regular: Shape[] = [{ kind: 'roundedSquare', radius: 0.18, fill: RED }, ...picture];
const maskable: Shape[] = [
  { kind: 'roundedSquare', radius: 0, fill: RED }, // full bleed: the launcher cuts its own shape
  ...picture.map((shape) => scaled(shape, 0.8)),
];

function inside(shape: Shape, x: number, y: number): boolean {
  if (shape.kind === 'circle') {
    return (x - shape.centre[0]) ** 2 + (y - shape.centre[1]) ** 2 <= shape.radius ** 2;
  }
  if (shape.kind === 'roundedSquare') {
    const r = shape.radius;
    const dx = Math.max(r - x, x - (1 - r), 0);
    const dy = Math.max(r - y, y - (1 - r), 0);
    return x >= 0 && x <= 1 && y >= 0 && y <= 1 && dx * dx + dy * dy <= r * r;
  }
  // Even–odd ray casting.
  let hit = false;
  const p = shape.points;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i]!;
    const [xj, yj] = p[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const rgba = (hex: string): Rgba => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
  255,
];

/** RGBA rows; each pixel the average of 4×4 samples, the topmost shape's colour at each. */
function rasterise(shapes: Shape[], size: number, samples = 4): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const colours = shapes.map((s) => rgba(s.fill));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          for (let i = shapes.length - 1; i >= 0; i--) {
            if (!inside(shapes[i]!, x, y)) continue;
            const c = colours[i]!;
            // Premultiplied, so transparent samples at the corners do not darken the edge.
            for (let k = 0; k < 3; k++) sum[k]! += c[k]!;
            sum[3]! += 255;
            break;
          }
        }
      }
      const alpha = sum[3]! / (samples * samples);
      const o = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) pixels[o + k] = alpha ? Math.round((sum[k]! / sum[3]!) * 255) : 0;
      pixels[o + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, tail]);
}

/** A PNG: 8-bit RGBA, no filtering (a 0 before each row), zlib-deflated. */
function png(pixels: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg(shapes: Shape[]): string {
  const n = (v: number) => +(v * 100).toFixed(2);
  const element = (s: Shape) =>
    s.kind === 'polygon'
      ? `<polygon points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${s.fill}"/>`
      : s.kind === 'circle'
        ? `<circle cx="${n(s.centre[0])}" cy="${n(s.centre[1])}" r="${n(s.radius)}" fill="${s.fill}"/>`
        : `<rect width="100" height="100" rx="${n(s.radius)}" fill="${s.fill}"/>`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" aria-label="驻村">',
    ...shapes.map((s) => `  ${element(s)}`),
    '</svg>',
    '',
  ].join('\n');
}

const out = (name: string) => new URL(`../public/icons/${name}`, import.meta.url);
writeFileSync(out('icon.svg'), svg(regular));
writeFileSync(out('icon-192.png'), png(rasterise(regular, 192), 192));
writeFileSync(out('icon-512.png'), png(rasterise(regular, 512), 512));
writeFileSync(out('icon-maskable-512.png'), png(rasterise(maskable, 512), 512));
console.log('icons written to web/pwa/public/icons/');
