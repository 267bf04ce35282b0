// The PWA's weight budgets (issue #6): what a villager's phone downloads for the survey, and what a
// supervisor's first visit loads — JavaScript and CSS the page references, gzipped. Sizes, not
// timings: the same build always weighs the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { distDir } from '../../../web/node-pwa';

/** The gzipped bytes of the scripts, preloads and styles an HTML entry references. */
function initialLoad(html: string): { js: number; css: number; files: string[] } {
  const page = readFileSync(join(distDir, html), 'utf8');
  const files = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  const size = (ext: string) =>
    files
      .filter((f) => f.endsWith(ext))
      .reduce((sum, f) => sum + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0);
  return { js: size('.js'), css: size('.css'), files };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the PWA’s weight, gzipped', () => {
  it('the survey’s JavaScript is at most 50 KB', () => {
    const survey = initialLoad('survey.html');
    console.log(`survey: JS ${kb(survey.js)}, CSS ${kb(survey.css)} (${survey.files.join(', ')})`);
    expect(survey.files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(survey.js).toBeLessThanOrEqual(50 * 1024);
  });

  it('the supervisors’ initial load (JavaScript and CSS) is at most 150 KB', () => {
    const app = initialLoad('index.html');
    console.log(`supervisors: JS ${kb(app.js)}, CSS ${kb(app.css)} (${app.files.join(', ')})`);
    expect(app.files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(app.js + app.css).toBeLessThanOrEqual(150 * 1024);
  });
});
