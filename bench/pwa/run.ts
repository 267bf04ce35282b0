// bench/pwa: what a first visit to each page of the PWA downloads — its JavaScript and CSS, each file
// gzipped at level 9 — against the weight budgets of issue #6 as test/web/pwa/weight.test.ts asserts
// them: 150 KB of JavaScript and CSS for a supervisor's first visit, 50 KB of JavaScript for the
// survey. The service worker and its precache (what installing the app downloads) are measured for
// comparison (issue #9). Builds web/dist first when it is older than its sources.
//   npx tsx bench/pwa/run.ts
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';
import { distDir, ensurePwaBuilt } from '../../web/node-pwa';
import { type BenchRow, printRows, report } from '../report';

/** The budgets of issue #6, as test/web/pwa/weight.test.ts asserts them. */
const supervisorsBudget = 150 * 1024; // JavaScript + CSS
const surveyBudget = 50 * 1024; // JavaScript

const routesSource = fileURLToPath(new URL('../../web/pwa/supervisor/routes.ts', import.meta.url));

// The module graph is read from the built files themselves. vite.config.ts does not turn on
// build.manifest, so there is no .vite/manifest.json, and a second build with it on would not be the
// build web/dist serves. The built chunks are ES modules, so their imports are exact once parsed:
// vite's own parser (parseAst) reads each chunk's `import … from` / `export … from` (static: loaded
// with the chunk) and `import()` (lazy: loaded when called). Regexes would not be reliable: the
// minifier quotes paths with backticks or quotes as it likes, and a string in the code can look like
// an import. For a lazy chunk, vite lists the files it needs, JS and CSS, in `__vite__mapDeps([…])`,
// the second argument of the preload call around the `import()` — the only place the build records
// a lazy chunk's CSS. An entry's CSS is in its HTML page: vite moves it out of the JS into <link>s.

type Node = { type: string; [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Every node under `node`, each with the stack of nodes around it (innermost last; reused). */
function* walk(node: Node, around: Node[] = []): Generator<[Node, Node[]]> {
  yield [node, around];
  around.push(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) yield* walk(item, around);
    } else if (isNode(value)) yield* walk(value, around);
  }
  around.pop();
}

/** A string literal's value: '…', "…" or a template without ${}. */
function text(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  const quasis = node.quasis as Array<{ value: { cooked: string } }> | undefined;
  if (node.type === 'TemplateLiteral' && quasis?.length === 1) return quasis[0]!.value.cooked;
  return undefined;
}

/** An object literal's properties by name. */
function properties(object: Node): Map<string, Node> {
  const byName = new Map<string, Node>();
  for (const property of object.properties as Node[]) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = property.key as Node;
    const name = key.type === 'Identifier' ? (key.name as string) : text(key);
    if (name !== undefined) byName.set(name, property.value as Node);
  }
  return byName;
}

interface LazyImport {
  /** The chunk an `import()` loads, relative to web/dist. */
  file: string;
  /** What vite preloads with it: the chunk's static imports and the CSS of them all. */
  deps: string[];
}

interface Chunk {
  file: string;
  ast: Node;
  imports: string[];
  lazy: Map<Node, LazyImport>;
  /** The chunk's top-level variables: the initialiser of each. */
  vars: Map<string, Node>;
}

function readChunk(file: string): Chunk {
  const ast = parseAst(readFileSync(join(distDir, file), 'utf8')) as unknown as Node;
  const resolve = (specifier: string | undefined) => {
    const path = specifier && posix.join(posix.dirname(file), specifier);
    if (!path || !existsSync(join(distDir, path)))
      throw new Error(`${file} imports ${specifier ?? 'a computed path'}, not a built file`);
    return path;
  };
  const vars = new Map<string, Node>();
  for (const statement of ast.body as Node[]) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations as Node[]) {
      const id = declarator.id as Node;
      if (id.type === 'Identifier' && isNode(declarator.init))
        vars.set(id.name as string, declarator.init);
    }
  }
  // `const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/a.js","assets/a.css"])))=>…`:
  // the files, relative to the base (/, which is web/dist); each preload call indexes into them.
  const mapDeps = vars.get('__vite__mapDeps');
  let depFiles: string[] = [];
  for (const [node] of mapDeps ? walk(mapDeps) : []) {
    const items = node.type === 'ArrayExpression' ? (node.elements as unknown[]).map(text) : [];
    if (items.length > 0 && items.every((item) => item !== undefined)) {
      depFiles = items as string[];
      break;
    }
  }
  const imports: string[] = [];
  const lazy = new Map<Node, LazyImport>();
  for (const [node, around] of walk(ast)) {
    if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration)$/.test(node.type)) {
      if (node.source) imports.push(resolve(text(node.source)));
    } else if (node.type === 'ImportExpression') {
      // vite's rewrite: preload(() => import('./a.js'), __vite__mapDeps([0, 1])), where the arrow's
      // body may go on (`import('./a.js').then(…)`): the innermost call around it with such a list.
      const isList = (arg: Node) =>
        arg.type === 'CallExpression' && (arg.callee as Node).name === '__vite__mapDeps';
      const preload = around.findLast(
        (n) => n.type === 'CallExpression' && (n.arguments as Node[]).some(isList),
      );
      const list = (preload?.arguments as Node[] | undefined)?.find(isList);
      const indexes = ((list?.arguments as Node[] | undefined)?.[0]?.elements as Node[]) ?? [];
      const deps = indexes.map((index) => {
        const dep = depFiles[index.value as number];
        if (dep === undefined || !existsSync(join(distDir, dep)))
          throw new Error(`${file}: __vite__mapDeps index ${String(index.value)} is no built file`);
        return dep;
      });
      lazy.set(node, { file: resolve(text(node.source)), deps });
    }
  }
  return { file, ast, imports, lazy, vars };
}

/** The built chunks, each parsed once. */
class Graph {
  private chunks = new Map<string, Chunk>();

  chunk(file: string): Chunk {
    let chunk = this.chunks.get(file);
    if (!chunk) this.chunks.set(file, (chunk = readChunk(file)));
    return chunk;
  }

  /** The chunks and all they import statically: what loading them downloads. */
  staticClosure(files: string[]): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      this.chunk(file).imports.forEach(visit);
    };
    files.forEach(visit);
    return seen;
  }

  // Which lazy chunks a route loads, read from the built route table: routes.ts's array survives
  // minification as `{path:`/cases`,page:X}` (property names are not mangled). X, followed through
  // the chunk's top-level variables, holds the `import()` of a lazy page (`lazy(() =>
  // import('./pages/cases'))`), or none for a page bundled with the entry. Not followed: an
  // `import()` a page makes only once it renders.
  routes(files: Iterable<string>): Array<{ path: string; lazy: LazyImport[] }> {
    const found: Array<{ path: string; lazy: LazyImport[] }> = [];
    for (const file of files) {
      const chunk = this.chunk(file);
      for (const [node] of walk(chunk.ast)) {
        if (node.type !== 'ObjectExpression') continue;
        const byName = properties(node);
        const path = text(byName.get('path'));
        const page = byName.get('page');
        if (path !== undefined && page) found.push({ path, lazy: lazyImports(chunk, page) });
      }
    }
    return found;
  }
}

function lazyImports(chunk: Chunk, expression: Node, followed = new Set<string>()): LazyImport[] {
  if (expression.type === 'Identifier') {
    const name = expression.name as string;
    const init = chunk.vars.get(name);
    if (!init || followed.has(name)) return [];
    followed.add(name);
    return lazyImports(chunk, init, followed);
  }
  const found: LazyImport[] = [];
  for (const [node] of walk(expression)) {
    const lazy = chunk.lazy.get(node);
    if (lazy) found.push(lazy);
  }
  return found;
}

/** An HTML entry of the build: its module script and its stylesheets (vite writes both forms). */
function htmlEntry(html: string): { script: string; css: string[] } {
  const page = readFileSync(join(distDir, html), 'utf8');
  const script = /<script type="module"[^>]*\ssrc="\/([^"]+\.js)"/.exec(page)?.[1];
  if (!script) throw new Error(`${html} has no module script`);
  const css = [...page.matchAll(/<link rel="stylesheet"[^>]*\shref="\/([^"]+\.css)"/g)];
  return { script, css: css.map((m) => m[1]!) };
}

const gzipped = new Map<string, number>();
function gzippedSize(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return size;
}

function weigh(files: Iterable<string>): { js: number; css: number } {
  let js = 0;
  let css = 0;
  for (const file of files) {
    if (file.endsWith('.js')) js += gzippedSize(file);
    else if (file.endsWith('.css')) css += gzippedSize(file);
  }
  return { js, css };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchPwa(log: (line: string) => void = () => {}): Promise<BenchRow[]> {
  await ensurePwaBuilt(log);
  const graph = new Graph();
  const rows: BenchRow[] = [];

  // The supervisors' app: index.html's script and all it imports statically, its stylesheets, and
  // the route's lazy chunks with what vite preloads for them.
  const supervisors = htmlEntry('index.html');
  const shell = graph.staticClosure([supervisors.script]);
  const routes = graph.routes(shell);
  const declared = [...readFileSync(routesSource, 'utf8').matchAll(/\bpath: '([^']+)'/g)];
  const expected = declared.map((m) => m[1]!).join(' ');
  if (routes.map((r) => r.path).join(' ') !== expected)
    throw new Error(
      `the build's route table (${routes.map((r) => r.path).join(' ')}) is not routes.ts's (${expected})`,
    );
  // Routes that download the same files share a row: today every page is in the first bundle.
  const byWeight = new Map<string, { paths: string[]; ok: boolean }>();
  for (const route of routes) {
    const files = new Set([...shell, ...supervisors.css]);
    for (const lazy of route.lazy) {
      for (const file of graph.staticClosure([lazy.file])) files.add(file);
      for (const file of lazy.deps) files.add(file);
    }
    const { js, css } = weigh(files);
    const result = `${kb(js)} JS + ${kb(css)} CSS gzipped`;
    const same = byWeight.get(result) ?? { paths: [], ok: js + css <= supervisorsBudget };
    same.paths.push(route.path);
    byWeight.set(result, same);
  }
  for (const [result, { paths, ok }] of byWeight) {
    rows.push({
      bench: 'pwa',
      what:
        paths.length === routes.length
          ? `supervisors' app, every route (${paths.length}, ${paths.slice(0, 3).join(', ')} …) — first visit`
          : `route${paths.length > 1 ? 's' : ''} ${paths.join(', ')} — first visit`,
      result,
      target: '≤ 150 KB JS + CSS',
      ok,
    });
  }

  // The villagers' survey: /s/<token> serves survey.html (web/pwa-routes.ts).
  const survey = htmlEntry('survey.html');
  const surveyWeight = weigh([...graph.staticClosure([survey.script]), ...survey.css]);
  rows.push({
    bench: 'pwa',
    what: 'route /s/<token> (the survey) — first visit',
    result: `${kb(surveyWeight.js)} JS + ${kb(surveyWeight.css)} CSS gzipped`,
    target: '≤ 50 KB JS',
    ok: surveyWeight.js <= surveyBudget,
  });

  rows.push({
    bench: 'pwa',
    what: 'service worker (sw.js)',
    result: `${kb(gzippedSize('sw.js'))} JS gzipped`,
    target: '—',
  });

  // The precache manifest vite-plugin-pwa injects into sw.js: [{revision, url}, …]. It lists the web
  // manifest's icons twice; workbox caches each URL once.
  const precache = new Set<string>();
  for (const [node] of walk(graph.chunk('sw.js').ast)) {
    if (node.type !== 'ArrayExpression') continue;
    const entries = (node.elements as unknown[]).map((e) => (isNode(e) ? e : undefined));
    const urls = entries.map((e) => e?.type === 'ObjectExpression' && properties(e));
    if (urls.length === 0 || !urls.every((p) => p && p.has('revision') && text(p.get('url'))))
      continue;
    for (const p of urls) if (p) precache.add(text(p.get('url'))!);
  }
  if (precache.size === 0) throw new Error('sw.js holds no precache manifest');
  let raw = 0;
  let zipped = 0;
  for (const file of precache) {
    raw += readFileSync(join(distDir, file)).length;
    zipped += gzippedSize(file);
  }
  rows.push({
    bench: 'pwa',
    what: 'precache: what installing the app downloads (besides sw.js)',
    result: `${precache.size} files, ${kb(zipped)} gzipped (${kb(raw)} raw)`,
    target: '—',
  });
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchPwa((line) => console.log(`pwa: ${line}`));
  printRows(rows);
  report(rows);
}
