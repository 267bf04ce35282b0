// The survey slips' QR encoder (web/api/qr-code.ts) against the standard's published values and a
// symbol read back by an independent decoder.
import { describe, expect, it } from 'vitest';
import {
  alignmentPositions,
  formatBits,
  qrMatrix,
  qrSvg,
  rawDataModules,
  reedSolomonDivisor,
  reedSolomonRemainder,
  versionBits,
} from '../../../web/api/qr-code';

describe('QR codes for the survey slips', () => {
  it('computes the Reed–Solomon codewords of the standard’s worked example (HELLO WORLD, 1-M)', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(reedSolomonRemainder(data, reedSolomonDivisor(10))).toEqual([
      196, 35, 39, 119, 235, 215, 231, 226, 93, 23,
    ]);
  });

  it('codes the format and version information as ISO/IEC 18004 tables C.1 and D.1 list them', () => {
    // Level M with masks 0…7.
    expect(
      [0, 1, 2, 3, 4, 5, 6, 7].map((m) => formatBits(m).toString(2).padStart(15, '0')),
    ).toEqual([
      '101010000010010',
      '101000100100101',
      '101111001111100',
      '101101101001011',
      '100010111111001',
      '100000011001110',
      '100111110010111',
      '100101010100000',
    ]);
    expect(versionBits(7).toString(2).padStart(18, '0')).toBe('000111110010010100');
    expect(versionBits(10).toString(2).padStart(18, '0')).toBe('001010010011010011');
  });

  it('places alignment patterns and counts data modules as the standard does', () => {
    expect(alignmentPositions(1)).toEqual([]);
    expect(alignmentPositions(2)).toEqual([6, 18]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(10)).toEqual([6, 28, 50]);
    // Codewords per version (table 9): 26, 44, 70, 100, …, 346.
    expect([1, 2, 3, 4, 7, 10].map((v) => Math.floor(rawDataModules(v) / 8))).toEqual([
      26, 44, 70, 100, 196, 346,
    ]);
  });

  it('picks the smallest version at level M: 14 bytes fit version 1, 15 need 2, 213 fit 10, 214 do not fit', () => {
    expect(qrMatrix('x'.repeat(14))).toHaveLength(21);
    expect(qrMatrix('x'.repeat(15))).toHaveLength(25);
    expect(qrMatrix('x'.repeat(213))).toHaveLength(57);
    expect(qrMatrix('x'.repeat(214))).toBeNull();
    expect(qrSvg('x'.repeat(214))).toBeNull();
  });

  it('draws a slip link as the symbol that jsQR 1.4.0 (an independent decoder) read back', () => {
    // Checked once outside the suite: this matrix, rendered, decodes to the same text; so did every
    // length from 1 to 213 bytes with each of the eight masks, and damaged symbols of each version.
    const golden = [
      '#######.###..#.#..#.#.#######',
      '#.....#.#.#.##........#.....#',
      '#.###.#.....#..##.###.#.###.#',
      '#.###.#.###.#.####..#.#.###.#',
      '#.###.#.......##.###..#.###.#',
      '#.....#..#####..#.##..#.....#',
      '#######.#.#.#.#.#.#.#.#######',
      '........#.###....##.#........',
      '#.##.###..#..#...##...#..#.##',
      '.#......##..###..########...#',
      '#.#.######.###..#.#.#.##..##.',
      '#####...#.#...........####..#',
      '###.###..#....#..####....##..',
      '..#.##.#..##..##......#....##',
      '.#...##..#...#....####.#.####',
      '.##..#...#.##.###..##.#.#..#.',
      '#..#.##..#.##.#.#..###.##..#.',
      '.#.#.#..#.#...###.#..#.#..##.',
      '#...#.##########.##.##.#.##..',
      '....#..##.##.##..#.#####..#..',
      '.########.#..##..#.########..',
      '........##..#......##...#####',
      '#######.#..##.#.##.##.#.##.#.',
      '#.....#.#..#####....#...#...#',
      '#.###.#....##...###.#####.#..',
      '#.###.#.#.###...####.#.###..#',
      '#.###.#.##.#.##.....##.#.#..#',
      '#.....#....##.#.#...#..#.#.#.',
      '#######.###...#.#...#...#..#.',
    ];
    const matrix = qrMatrix('http://localhost/s/ZhuCun-2017_05-02')!;
    expect(matrix.map((row) => row.map((d) => (d ? '#' : '.')).join(''))).toEqual(golden);
  });

  it('renders an SVG with a four-module quiet zone', () => {
    const svg = qrSvg('http://localhost/s/abc', { size: 120, title: '扫码 <测评>' })!;
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 33 33" width="120"/,
    );
    expect(svg).toContain('<title>扫码 &#60;测评&#62;</title>');
  });
});
