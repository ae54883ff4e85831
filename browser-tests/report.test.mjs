// The flagship report as a reader sees it: rendered by Debian's Chromium at desktop and phone
// width and printed to A4. Needs DETENTE_CLI (path to the built `detente` binary) and
// `pdftotext` (poppler-utils); CHROMIUM overrides /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const cli = process.env.DETENTE_CLI;
const runs = process.env.DETENTE_RUNS ?? '500';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'detente-report-'));
const html = join(dir, 'report.html');
const url = 'file://' + html;
let browser;

// Main-body page budget of the flagship on A4.
const MAIN_BODY_PAGES = 8;

before(async () => {
  assert.ok(cli, 'set DETENTE_CLI to the built detente binary');
  const scenario = resolve(import.meta.dirname, '..', 'scenarios', 'nato-china-2023.toml');
  execFileSync(cli, ['report', scenario, '-o', html, '--runs', runs], { stdio: 'inherit' });
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  return page;
}

// Every element that sticks out of the viewport, outside the frames that scroll sideways on
// purpose (charts and tables keep their drawn size and scroll inside their frame).
async function overflowing(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.scroll, .table-wrap')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1) out.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
    }
    return { pageWidth: document.documentElement.scrollWidth, viewport: w, out: out.slice(0, 5) };
  });
}

for (const [width, height] of [[1400, 900], [390, 844]]) {
  test(`the first key judgement is on the first screen at ${width}×${height}`, async () => {
    const page = await open(width, height);
    const first = page.locator('#judgement-1 .statement');
    assert.match(await first.innerText(), /^It is (almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|almost certain) that /);
    const box = await first.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= height, `judgement at ${JSON.stringify(box)}`);
    assert.ok(await page.locator('h2#judgements-title').isVisible());
    const o = await overflowing(page);
    assert.ok(o.pageWidth <= o.viewport, `page ${o.pageWidth} px wide at a ${o.viewport} px viewport`);
    assert.deepEqual(o.out, []);
    await page.close();
  });
}

test('chart text is at least 11 px at 390 px', async () => {
  const page = await open(390, 844);
  const small = await page.evaluate(() => {
    const out = [];
    for (const t of document.querySelectorAll('svg.chart text')) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue; // inside a closed <details>
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (px < 10.95) out.push(`${t.textContent} ${px.toFixed(1)}`);
    }
    return out;
  });
  assert.deepEqual(small.slice(0, 5), []);
  await page.close();
});

test('stance tables are labelled cards within the screen at 390 px', async () => {
  const page = await open(390, 844);
  const cards = await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const w = document.documentElement.clientWidth;
    const rows = [...document.querySelectorAll('.cards tbody tr')];
    const wide = rows.filter((tr) => tr.getBoundingClientRect().right > w + 1).length;
    const td = rows[0]?.querySelector('td');
    return {
      rows: rows.length,
      display: rows[0] && getComputedStyle(rows[0]).display,
      label: td && getComputedStyle(td, '::before').content,
      wide,
    };
  });
  assert.ok(cards.rows > 0, 'no stance table');
  assert.equal(cards.display, 'block');
  assert.equal(cards.label, '"actor: "');
  assert.equal(cards.wide, 0, `${cards.wide} cards wider than the screen`);
  await page.close();
});

function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

// Printable width in CSS px (96 per inch) of each paper with the stylesheet's 12 mm side margins.
const PRINTABLE = { A4: Math.floor(((210 - 24) / 25.4) * 96), Letter: Math.floor(((215.9 - 24) / 25.4) * 96) };

/** The report printed on `format`: total and main-body page counts, the text, and the elements
 * wider than the paper's printable width (laid out at that width, as printing does). */
async function printed(format) {
  const page = await open(PRINTABLE[format], 900);
  await page.emulateMedia({ media: 'print' });
  const clipped = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName} in ${el.closest('[id]')?.id}`);
  });
  const whole = await page.pdf({ format });
  const pdfPath = join(dir, `report-${format}.pdf`);
  writeFileSync(pdfPath, whole);
  const total = pageCount(whole);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  // The main body: everything before the annex (the footer follows the annex).
  await page.addStyleTag({ content: '.annex, footer { display: none !important; }' });
  const mainPdf = await page.pdf({ format });
  if (process.env.KEEP_PDF) writeFileSync(`${process.env.KEEP_PDF}-${format}.pdf`, mainPdf);
  await page.close();
  return { total, main: pageCount(mainPdf), text, clipped };
}

// The stylesheet sets margins, not the paper: the same report prints on A4 and on Letter.
for (const format of ['A4', 'Letter']) {
  test(`printed on ${format}: nothing clipped, numbered pages, a running header and a main body of at most ${MAIN_BODY_PAGES} pages`, async () => {
    const { total, main, text, clipped } = await printed(format);
    assert.deepEqual(clipped, [], 'nothing wider than the paper');
    assert.ok(text.includes(`Page 1 of ${total}`), 'page numbers in the footer');
    assert.ok(text.includes(`Page ${total} of ${total}`));
    assert.match(text, /as of 2023-11-29 · seed \d+/, 'running header');
    assert.ok(main <= MAIN_BODY_PAGES, `main body ${main} pages`);
    assert.ok(total > main, 'the annex follows the main body');
  });
}
