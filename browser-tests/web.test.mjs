// The browser page (web/) in Debian's Chromium, served by `detente web`: the flagship's four
// answers, live edits, diagnostics, sharing, and identity with the command's JSON and report.
// Needs DETENTE_CLI (the built `detente`) and a built page (web/dist: `npm --prefix web run
// build`); CHROMIUM overrides /usr/bin/chromium. Timings are printed (BENCHMARKS.md records
// them); the assertions on time are loose, since CI machines are shared.
import { test as baseTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const cli = process.env.DETENTE_CLI;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const dist = resolve(import.meta.dirname, '..', 'web', 'dist');
const flagshipFile = resolve(import.meta.dirname, '..', 'scenarios', 'nato-china-2023.toml');
const dir = mkdtempSync(join(tmpdir(), 'detente-web-'));
const LENSES = ['decide', 'align', 'escalate', 'richardson'];
let browser, server, origin;
// Without the wasm32 target the page is not built (CI says so); the report's tests still run.
const built = existsSync(join(dist, 'index.html'));
const test = (name, fn) => baseTest(name, { skip: !built && 'web/dist is not built' }, fn);

before(async () => {
  if (!built) return;
  assert.ok(cli, 'set DETENTE_CLI to the built detente binary');
  server = spawn(cli, ['web', '--dir', dist, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  origin = await new Promise((ok, fail) => {
    server.stdout.on('data', (b) => {
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(String(b));
      if (m) ok(m[0]);
    });
    server.on('exit', (code) => fail(new Error(`detente web exited with ${code}`)));
  });
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A page on the served app, recording every request it makes. */
async function open(hash = '', viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // The core must run only in workers: count instantiations on the page's own thread.
    window.mainThreadInstances = 0;
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) => {
      window.mainThreadInstances += 1;
      return instantiate(...args);
    };
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('worker', (w) => w.on('request', (r) => requests.push(r.url())));
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/favicon|404/.test(m.text()) && console.log(`page console: ${m.text()}`));
  const started = Date.now();
  await page.goto(`${origin}/${hash}`);
  return { page, requests, started };
}

const statusOf = (page, lens) => page.getAttribute(`#status-${lens}`, 'data-status');

/** Wait until every lens shows a live answer at full precision. */
async function fullPrecision(page, timeout = 120_000) {
  await page.waitForFunction(
    (lenses) => lenses.every((l) => document.querySelector(`#status-${l}`)?.dataset.status === 'full'),
    LENSES,
    { timeout },
  );
}

/** Run the command a results JSON records (`command`, as `detente` on the PATH would be
 * named) in `cwd`, and return what it writes. */
function reproduce(json, cwd) {
  const command = JSON.parse(json).command;
  assert.equal(command[0], 'detente');
  return execFileSync(cli, command.slice(1), { cwd, argv0: 'detente', maxBuffer: 1 << 28 }).toString();
}

async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await d.path(), 'utf8');
}

/** Replace the editor's text (as if typed), once the page has a scenario in it. */
async function setText(page, text) {
  await page.waitForSelector('#editor:not([readonly])');
  await page.fill('#editor', text);
  // The page takes the text after a pause in typing; wait until the run of it has begun.
  await page.waitForFunction(() => document.querySelector('#status-escalate')?.dataset.status !== 'full');
}

const flagship = readFileSync(flagshipFile, 'utf8');
/** The flagship with 500 Monte Carlo runs: the edited scenario of these tests. */
const edited = flagship.replace(/^runs = \d+/m, 'runs = 500');

test('the module stays within its budget: 2.5 MB raw, 800 KB gzipped', () => {
  const wasm = readFileSync(join(dist, 'detente.wasm'));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  console.log(`detente.wasm: ${wasm.length} bytes raw, ${gzipped} gzipped`);
  assert.ok(wasm.length <= 2_500_000, `${wasm.length} bytes raw`);
  assert.ok(gzipped <= 800_000, `${gzipped} bytes gzipped`);
});

test('the flagship: four answers at once, live within seconds, nothing leaves the origin', async () => {
  assert.notEqual(edited, flagship, 'the flagship sets [experiment] runs');
  const { page, requests, started } = await open();
  await page.waitForFunction(
    (lenses) => lenses.every((l) => document.querySelector(`#lens-${l}`)?.textContent.trim()),
    LENSES,
  );
  const first = Date.now() - started;
  await page.waitForFunction(
    (lenses) => lenses.every((l) => ['quick', 'full'].includes(document.querySelector(`#status-${l}`)?.dataset.status)),
    LENSES,
    { timeout: 30_000 },
  );
  const live = Date.now() - started;
  const liveAt = await page.evaluate(() => performance.now());
  await fullPrecision(page);
  const full = Date.now() - started;
  const { tasks, spans, instances } = await page.evaluate(() => ({
    tasks: window.longTasks,
    spans: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('detente: ')).map((m) => ({ name: m.name.slice(9), start: m.startTime, duration: m.duration })),
    instances: window.mainThreadInstances,
  }));
  const during = tasks.filter((t) => t.start > liveAt).map((t) => Math.round(t.duration));
  const atStart = tasks.filter((t) => t.start <= liveAt).map((t) => Math.round(t.duration));
  const longest = {};
  for (const s of spans.filter((s) => s.start > liveAt)) longest[s.name] = Math.max(longest[s.name] ?? 0, Math.round(s.duration));
  console.log(`flagship: first answers ${first} ms, live quick pass ${live} ms, full precision ${full} ms; main-thread tasks over 50 ms: ${JSON.stringify(atStart)} while loading, ${JSON.stringify(during)} during the full run; longest page work during the full run (ms): ${JSON.stringify(longest)}`);
  // The models never run on the page's thread, and none of the page's own work during the full
  // run (parsing an answer, drawing a lens) takes 50 ms. The browser's long-task list is printed,
  // not asserted: on a shared machine it also counts the browser's own work (garbage collection,
  // worker start-up), which the page does not control.
  assert.equal(instances, 0, 'the core was instantiated on the main thread');
  const slow = Object.entries(longest).filter(([, ms]) => ms > 50);
  assert.deepEqual(slow, [], 'page work over 50 ms during the full run');
  assert.ok(first < 5_000, `first answers after ${first} ms`);
  assert.match(await page.innerText('#lens-decide'), /settles at 63\.3/);
  assert.match(await page.innerText('#lens-escalate'), /constructive-engagement/);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'requests outside the page origin');
  // The flagship needs none of the history tables the module is built without.
  assert.deepEqual(requests.filter((u) => u.includes('/history/')), [], 'history tables fetched for the flagship');
  await page.context().close();
});

test('a historical scenario fetches the history table it needs, and answers as the command does', async () => {
  const file = resolve(import.meta.dirname, '..', 'scenarios', 'examples', 'india-pakistan-2001.toml');
  const { page, requests } = await open();
  await page.waitForSelector('#editor:not([readonly])');
  await page.setInputFiles('#open-file', file);
  await page.waitForFunction(() => document.querySelector('#scenario-title, h1')?.textContent.includes('Kashmir') || document.querySelector('#editor')?.value.includes('india-pakistan-2001'));
  await fullPrecision(page);
  const json = await downloaded(page, '#download-json');
  assert.match(json, /"scenario": "india-pakistan-2001"/);
  const cwd = mkdtempSync(join(tmpdir(), 'detente-history-'));
  writeFileSync(join(cwd, 'india-pakistan-2001.toml'), readFileSync(file));
  assert.ok(json === reproduce(json, cwd), 'the historical scenario\'s JSON differs from the command\'s');
  rmSync(cwd, { recursive: true, force: true });
  const fetched = requests.filter((u) => u.includes('/history/')).map((u) => u.split('/history/')[1]);
  assert.ok(fetched.includes('panel.bin'), `history tables fetched: ${JSON.stringify(fetched)}`);
  await page.context().close();
});

test('the results JSON and the report equal the command\'s, for the flagship and an edited file', async () => {
  const { page } = await open();
  await fullPrecision(page);
  const json = await downloaded(page, '#download-json');
  assert.ok(json === reproduce(json, process.cwd()), 'the flagship JSON differs from the command\'s');

  await setText(page, edited);
  await fullPrecision(page);
  const editedJson = await downloaded(page, '#download-json');
  writeFileSync(join(dir, 'nato-china-2023.toml'), edited);
  assert.match(editedJson, /"nato-china-2023.toml",\n    "--runs",\n    "500"/);
  assert.ok(editedJson === reproduce(editedJson, dir), 'the edited JSON differs from the command\'s');
  const toml = await downloaded(page, '#download-toml');
  assert.equal(toml, edited);

  const report = await downloaded(page, '#download-report');
  const cliReport = execFileSync(cli, ['report', 'nato-china-2023.toml', '-o', '-'], { cwd: dir, maxBuffer: 1 << 28 }).toString();
  assert.ok(report === cliReport, 'the report differs from `detente report`');
  await page.context().close();
});

test('dragging the USA on china-posture updates decide quickly, and each control moves its panels', async () => {
  const { page } = await open();
  await page.waitForFunction(() => document.querySelector('#status-decide')?.dataset.status === 'full', null, { timeout: 60_000 });
  const usa = '[data-path="issue.china-posture.stance.USA.position"]';
  const decideText = () => page.innerText('#lens-decide [data-issue="china-posture"]');
  // The page's own clock: from the slider's input event to the decide panel's change, as a
  // drag produces them (a move every 30 ms), 40 moves.
  const times = await page.evaluate(async (sel) => {
    const input = document.querySelector(sel);
    const target = document.querySelector('#lens-decide');
    const out = [];
    for (let k = 0; k < 40; k++) {
      const changed = new Promise((ok) => {
        const o = new MutationObserver(() => { o.disconnect(); ok(performance.now()); });
        o.observe(target, { childList: true, subtree: true, characterData: true });
      });
      const started = performance.now();
      input.value = String(84 - (k % 20));
      input.dispatchEvent(new Event('input'));
      out.push((await changed) - started);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  }, usa);
  times.sort((a, b) => a - b);
  const p95 = times[Math.ceil(0.95 * times.length) - 1];
  console.log(`drag USA: decide redrawn in median ${Math.round(times[20])} ms, p95 ${Math.round(p95)} ms (in-page clock)`);
  assert.ok(p95 < 250, `decide took ${p95} ms (p95)`);
  // And from the keyboard: a settled move (change event) runs every lens.
  await page.focus(usa);
  await page.keyboard.press('ArrowLeft');
  await fullPrecision(page);
  assert.match(await page.innerText('#moved'), /input/);

  // A salience moves decide; an escalate input moves escalate.
  const beforeDecide = await decideText();
  const hun = '[data-path="issue.china-posture.stance.HUN.salience"]';
  await page.focus(hun);
  for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((old) => document.querySelector('#lens-decide [data-issue="china-posture"]').innerText !== old, beforeDecide);
  await fullPrecision(page);
  const beforeEscalate = await page.innerText('#lens-escalate');
  await page.click('summary:has-text("Escalate inputs")');
  await page.focus('[data-path="escalate.noise"]');
  for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((old) => document.querySelector('#lens-escalate').innerText !== old, beforeEscalate, { timeout: 60_000 });
  await page.context().close();
});

test('"what moved it" names each move with its effect alone', async () => {
  const { page } = await open();
  await page.waitForFunction(() => document.querySelector('#status-decide')?.dataset.status === 'full', null, { timeout: 60_000 });
  await page.focus('[data-path="issue.china-posture.stance.USA.position"]');
  await page.keyboard.press('Home');
  const levers = page.locator('#lens-decide [data-issue="china-posture"] [data-levers]');
  await levers.waitFor({ timeout: 30_000 });
  // Alone, the USA at 0 takes the outcome from 63.3 (linkage) to 60.6 (the setter's, USA pivotal).
  assert.match(await levers.innerText(), /USA\.position 85 → 0 −2\.8/);
  assert.match(await page.innerText('#lens-decide [data-issue="china-posture"]'), /settles at 60\.6/);
  // The downloaded file carries the move on its own line (the first `position = 85` is the
  // USA's stance on china-posture), everything else as it was.
  const toml = await downloaded(page, '#download-toml');
  assert.equal(toml, flagship.replace('\nposition = 85\n', '\nposition = 0\n'));
  await page.context().close();
});

test('a rule switched in its select edits the text, keeps the comments and moves decide', async () => {
  const { page } = await open();
  const eu = '#lens-decide [data-issue="china-decoupling"]';
  await page.waitForFunction(() => document.querySelector('#status-decide')?.dataset.status === 'full', null, { timeout: 60_000 });
  const before = await page.innerText(eu);
  assert.match(before, /qualified-majority/);
  await page.selectOption('[data-choice="EU.rule"]', 'unanimity');
  await page.waitForFunction(([sel, old]) => document.querySelector(sel)?.innerText !== old, [eu, before], { timeout: 30_000 });
  assert.match(await page.innerText(eu), /rule: unanimity/);
  const toml = await downloaded(page, '#download-toml');
  assert.equal(toml, flagship.replace('rule = "qualified-majority"', 'rule = "unanimity"'));
  await page.context().close();
});

test('a broken file shows located problems, keeps the last answer, and recovers', async () => {
  const { page } = await open();
  await page.waitForFunction(() => document.querySelector('#status-decide')?.dataset.status === 'full', null, { timeout: 60_000 });
  const answer = await page.innerText('#lens-decide');
  await setText(page, edited.replace('id = "nato-china-2023"', 'id = 2023'));
  const problem = page.locator('#problems li.error').first();
  await problem.waitFor();
  assert.match(await problem.innerText(), /nato-china-2023\.toml:\d+:\d+/);
  assert.equal(await page.isVisible('#kept'), true);
  assert.equal(await page.innerText('#lens-decide'), answer, 'the last answer stays');
  await setText(page, edited);
  await page.locator('#problems li.ok').waitFor();
  assert.equal(await page.locator('#problems li.error').count(), 0);
  await page.context().close();
});

test('a shared link restores the same scenario, moves and results', async () => {
  const { page } = await open();
  await fullPrecision(page);
  await setText(page, edited);
  await fullPrecision(page);
  await page.focus('[data-path="issue.china-posture.stance.FRA.position"]');
  await page.keyboard.press('ArrowRight');
  await fullPrecision(page);
  const json = await downloaded(page, '#download-json');
  assert.match(json, /"overrides"/);
  await page.click('#copy-link');
  // The fragment is written once the text is deflated (asynchronously).
  await page.waitForFunction(() => location.hash.length > 1, null, { timeout: 10_000 });
  const hash = new URL(page.url()).hash;
  assert.ok(hash.length > 1, 'the link carries the state');
  const again = await open(hash);
  await fullPrecision(again.page);
  assert.ok((await downloaded(again.page, '#download-json')) === json, 'the restored results differ');
  await page.context().close();
  await again.page.context().close();
});

test('the page works at phone width and with the keyboard', async () => {
  const { page } = await open('', { width: 390, height: 844 });
  await page.waitForFunction(() => document.querySelector('#lens-decide')?.textContent.trim());
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide} px wide at 390`);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, textarea, select')]
      .filter((e) => !e.labels?.length && !e.getAttribute('aria-label'))
      .map((e) => e.id || e.outerHTML.slice(0, 60)),
  );
  assert.deepEqual(unlabelled, []);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.tagName);
  assert.ok(['INPUT', 'BUTTON'].includes(focused), `Tab reached ${focused}`);
  await page.context().close();
});
