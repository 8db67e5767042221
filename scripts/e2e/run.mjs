// End-to-end test of the sipmig extension in a real VS Code (code-server 4.100.3, VS Code
// 1.100.3) driven through Debian's chromium with playwright-core. `npm run test:e2e`.
//
// Needs: the apt packages of scripts/e2e/apt-packages.sh (chromium, build headers),
// code-server (installed on first run into .cache/code-server by install-code-server.sh).
// Env: SIPMIG_E2E_SERVER=/path/server.js runs another language server module (sets
// sipmig.server.path); SIPMIG_E2E_SKIP_BUILD=1 reuses dist/sipmig-<version>.vsix;
// SIPMIG_E2E_ONLY=regex runs only the checks whose names match.
// Screenshots go to test-results/e2e/*.png. Ends with "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as cs from './code-server.mjs';
import { CHROMIUM_ARGS, findFrame, goToLine, openFile, pick, runCommand, screenshot, statusSelection, viewLine } from './workbench.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'test-results/e2e');
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (m) => console.log(`[e2e ${elapsed()}] ${m}`);

// A hard stop well inside CI's budget, in case something hangs without a timeout.
const watchdog = setTimeout(() => {
  console.error('e2e: gave up after 12 minutes');
  process.exit(2);
}, 12 * 60_000);
watchdog.unref();

const results = [];
let currentPage;
async function check(name, fn) {
  // SIPMIG_E2E_ONLY=regex runs only the matching checks (for debugging one of them).
  if (process.env.SIPMIG_E2E_ONLY && !new RegExp(process.env.SIPMIG_E2E_ONLY, 'i').test(name)) return;
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false, message: e instanceof Error ? e.message : String(e) });
    if (currentPage) await screenshot(currentPage, out, `failed-${results.length}`).catch(() => {});
    log(`FAIL ${name}: ${e instanceof Error ? e.message : e}`);
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// ---- prepare: code-server, the .vsix, a profile and a workspace
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync('bash', [path.join(root, 'scripts/e2e/install-code-server.sh')], { stdio: 'inherit' });
log('code-server ready');
const { version } = JSON.parse(readFileSync(path.join(root, 'client/package.json'), 'utf8'));
const vsix = path.join(root, 'dist', `sipmig-${version}.vsix`);
if (process.env.SIPMIG_E2E_SKIP_BUILD !== '1' || !existsSync(vsix)) {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
}
log(`packaged ${path.relative(root, vsix)}`);
const bin = cs.codeServerBin(root);
const prof = cs.profile(path.join(out, 'profile'));
const workspace = path.join(out, 'workspace');
mkdirSync(workspace, { recursive: true });
const SAMPLE = 'active-migration.sipmig';
copyFileSync(path.join(root, 'samples/paper', SAMPLE), path.join(workspace, SAMPLE));
const sampleLines = readFileSync(path.join(workspace, SAMPLE), 'utf8').split('\n');
const lineOf = (re) => sampleLines.findIndex((l) => re.test(l)) + 1;
const thresholdLine = lineOf(/start_above 70 %/);
const migrateLine = lineOf(/^\s*migrate /);
// The paper migration at 40 cps in a scenario too short for it (it needs about 259 s): PRED007 and its quick fix.
const SHORT = 'short-scenario.sipmig';
writeFileSync(path.join(workspace, SHORT), sampleLines.join('\n').replace('duration 420 s', 'duration 200 s').replace('sweep 0 cps to 40 cps step 5 cps', 'load 40 cps'));
// Three migrations, the third started while the second is under way: the advisor's table gets a "whole plan" column.
const THREE = 'three-migrations.sipmig';
writeFileSync(
  path.join(workspace, THREE),
  sampleLines
    .join('\n')
    .replace('duration 420 s', 'duration 900 s')
    .replace('sweep 0 cps to 40 cps step 5 cps', 'load 40 cps')
    .replace('  migrate sipas1 from pm1 to pm3 at 120 s', '  migrate sipas1 from pm1 to pm3 at 120 s\n  migrate sipas2 from pm2 to pm1 at 270 s\n  migrate sipas1 from pm3 to pm2 at 300 s'),
);

const settings = (theme) => ({
  'workbench.startupEditor': 'none',
  'workbench.colorTheme': theme,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'editor.hover.delay': 200,
  // The test checks complete predictions: give the model all the time it needs on a slow machine.
  'sipmig.model.timeBudgetMs': 120000,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  ...(process.env.SIPMIG_E2E_SERVER ? { 'sipmig.server.path': process.env.SIPMIG_E2E_SERVER } : {}),
});
cs.writeSettings(prof, settings('Default Dark Modern'));
cs.installExtension(bin, prof, vsix);
log('extension installed');
const server = await cs.start(bin, prof, path.join(out, 'code-server.log'));
log(`code-server at ${server.url}`);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  currentPage = page;
  // Nothing may leave the machine; anything not on 127.0.0.1 is refused.
  await page.route((url) => url.hostname !== '127.0.0.1', (r) => r.abort());
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(`${m.type()}: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));

  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  log('workbench loaded');

  await check('opens the paper sample in a sipmig editor', async () => {
    await openFile(page, SAMPLE);
    // The language is known once the extension host has scanned the extensions: poll.
    let mode = '';
    for (let i = 0; i < 60 && !/sipmig/i.test(mode); i++) {
      mode = (await page.locator('[id="status.editor.mode"]').first().textContent({ timeout: 15_000 })) ?? '';
      if (!/sipmig/i.test(mode)) await page.waitForTimeout(500);
    }
    expect(/sipmig/i.test(mode), `status bar language should be sipmig, was ${JSON.stringify(mode)}`);
  });

  await check('colours the syntax (TextMate grammar)', async () => {
    const line = viewLine(page, 'hardware poweredge {');
    await line.waitFor({ timeout: 10_000 });
    const tokens = () => line.locator('span span').evaluateAll((spans) => spans.filter((s) => s.textContent.trim()).map((s) => [s.textContent.trim(), getComputedStyle(s).color]));
    // Tokenization runs after the grammar loads: wait until the line is split into tokens.
    let colors = await tokens();
    for (let i = 0; i < 80 && !colors.some(([t]) => t === 'hardware'); i++) {
      await page.waitForTimeout(250);
      colors = await tokens();
    }
    const byText = Object.fromEntries(colors);
    expect(byText.hardware && byText.poweredge, `tokens of "hardware poweredge {": ${JSON.stringify(colors)}`);
    expect(byText.hardware !== byText.poweredge, `block keyword and block name should differ in colour: ${JSON.stringify(colors)}`);
    const comment = await viewLine(page, '# Dell PowerEdge').locator('span span').last().evaluate((s) => getComputedStyle(s).color);
    expect(comment !== byText.hardware && comment !== byText.poweredge, `comment colour ${comment} should differ from code colours ${JSON.stringify(colors)}`);
    await screenshot(page, out, '01-editor-dark');
  });

  await check('shows the threshold warning in the Problems panel and no error on the valid sample', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    // Wait until the model has run (any PRED00x diagnostic), then judge what is there.
    await rows.filter({ hasText: /PRED00\d/ }).first().waitFor({ timeout: 120_000 }).catch(() => {
      throw new Error('no model diagnostic (PRED00x) in the Problems panel within 120 s: did the language server run the model?');
    });
    await page.waitForTimeout(1500);
    const texts = await rows.allTextContents();
    const errors = await page.locator('.markers-panel .monaco-list-row .codicon-error, .monaco-editor .squiggly-error').count();
    await screenshot(page, out, '02-problems');
    expect(texts.some((t) => /never triggers|PRED001/.test(t)), `no Problems row about the phase-1 threshold (PRED001 "overload control never triggers"); Problems: ${JSON.stringify(texts)}`);
    expect(errors === 0, `the valid sample should have no errors; Problems: ${JSON.stringify(texts)}`);
  });

  await check('hovers a threshold with predicted figures and an inline chart', async () => {
    await goToLine(page, thresholdLine);
    const line = viewLine(page, 'start_above 70 %');
    const target = line.locator('span span', { hasText: /^70$/ }).first();
    await target.hover();
    const hover = page.locator('.monaco-hover-content').filter({ visible: true }).first();
    await hover.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const text = (await hover.textContent()) ?? '';
    const img = await hover.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
    await screenshot(page, out, '03-hover');
    expect(/\d+(\.\d+)?\s*%/.test(text) && /cps|calls/i.test(text), `hover should show predicted CPU and load figures; got ${JSON.stringify(text.slice(0, 300))}`);
    expect(img.some((s) => s.startsWith('data:image/svg+xml;base64,')), `hover should hold an inline SVG chart image; img srcs: ${JSON.stringify(img.map((s) => s.slice(0, 40)))}`);
    // Scroll the hover to its chart for the screenshot (the mouse on the hover keeps it open).
    const box = await hover.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 60));
      await hover.locator('img').last().scrollIntoViewIfNeeded().catch(() => {});
      await page.waitForTimeout(300);
      await screenshot(page, out, '03-hover-chart');
    }
    await page.keyboard.press('Escape');
  });

  await check("hovers a migrate statement with that migration's own figures (its VM's CPU during it)", async () => {
    await goToLine(page, migrateLine);
    const line = viewLine(page, 'migrate sipas1');
    await line.locator('span span', { hasText: /^migrate$/ }).first().hover();
    const hover = page.locator('.monaco-hover-content').filter({ visible: true }).first();
    await hover.waitFor({ timeout: 30_000 });
    let text = '';
    for (let i = 0; i < 60 && !/guest CPU during/.test(text); i++) {
      await page.waitForTimeout(250);
      text = ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
    }
    await screenshot(page, out, '03b-hover-migrate');
    expect(/guest CPU during/.test(text) && /\d+(\.\d+)? % \(\d+(\.\d+)? %\)/.test(text), `the migrate hover should show the migrated VM's CPU during its migration, the minute before in brackets; got ${JSON.stringify(text.slice(0, 400))}`);
    await page.keyboard.press('Escape');
  });

  await check('Run Scenario prints the results table', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'sipmig: Run Scenario');
    const output = page.locator('.output-view .view-lines, [id="workbench.panel.output"] .view-lines').first();
    await output.waitFor({ timeout: 60_000 });
    let text = '';
    // The output view renders only the lines in view: the first runs are enough.
    for (let i = 0; i < 120 && !/5\scps/.test(text); i++) {
      await page.waitForTimeout(250);
      text = (await output.textContent()) ?? '';
    }
    await screenshot(page, out, '02b-run-scenario');
    // Monaco renders spaces as no-break spaces: match them with \s.
    expect(/sipmig\srun/.test(text) && /time\ss/.test(text) && /0\scps/.test(text) && /5\scps/.test(text), `the output should hold the results table; got ${JSON.stringify(text.slice(0, 300))}`);
  });

  // Close the Problems panel: the preview gets the full height.
  await runCommand(page, 'View: Hide Panel').catch(() => page.keyboard.press('Escape'));
  let frame;
  await check('Ctrl+K V opens the chart preview beside the editor with rendered marks', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('V');
    const opened = await page.locator('.tab', { hasText: 'Charts:' }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!opened) await runCommand(page, 'sipmig: Preview Charts');
    frame = await findFrame(page, '#charts .chart svg .role-mark', 90_000);
    await frame.waitForFunction(() => document.body.dataset.rendered !== undefined, null, { timeout: 60_000 });
    const stats = await frame.evaluate(() => ({
      charts: [...document.querySelectorAll('#charts .chart')].map((c) => c.getAttribute('data-chart')),
      lines: document.querySelectorAll('#charts .mark-line.role-mark path').length,
      rects: document.querySelectorAll('#charts .mark-rect.role-mark path').length,
      symbols: document.querySelectorAll('#charts .mark-symbol.role-mark path').length,
    }));
    expect(opened, 'the Ctrl+K V keybinding should open the preview (opened with the command palette instead)');
    for (const id of ['cpu', 'incomplete', 'migration', 'sweep-cpu', 'sweep-migration-time', 'sweep-incomplete']) expect(stats.charts.includes(id), `chart ${id} missing; charts: ${stats.charts}`);
    expect(stats.lines >= 5 && stats.rects >= 1 && stats.symbols >= 1, `chart marks rendered: ${JSON.stringify(stats)}`);
    await page.waitForTimeout(500);
    await screenshot(page, out, '04-preview-dark');
    await frame.evaluate(() => document.querySelector('[data-chart="sweep-cpu"]')?.scrollIntoView());
    await page.waitForTimeout(300);
    await screenshot(page, out, '05-preview-dark-sweeps');
  });

  await check('clicking a migration in a chart reveals its migrate statement', async () => {
    expect(frame, 'no preview frame');
    await frame.evaluate(() => window.scrollTo(0, 0));
    await frame.locator('[data-chart="cpu"] .mark-rect.role-mark path').first().click({ force: true });
    let sel = '';
    for (let i = 0; i < 40 && !sel.includes(`Ln ${migrateLine},`); i++) {
      await page.waitForTimeout(250);
      sel = await statusSelection(page);
    }
    expect(sel.includes(`Ln ${migrateLine},`), `cursor should be on the migrate statement (line ${migrateLine}); status bar says ${JSON.stringify(sel)}`);
  });

  for (const format of ['svg', 'png']) {
    await check(`exports a chart as ${format.toUpperCase()}`, async () => {
      expect(frame, 'no preview frame');
      await frame.locator('[data-chart="cpu"] .chart-toolbar button', { hasText: format.toUpperCase() }).click();
      // code-server's simple save dialog: a quick input holding the proposed path.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      const file = path.join(workspace, `active-migration-cpu.${format}`);
      for (let i = 0; i < 40 && !existsSync(file); i++) await page.waitForTimeout(250);
      expect(existsSync(file), `exported ${format} not written to ${file}`);
      const head = readFileSync(file).subarray(0, 8);
      const ok = format === 'svg' ? head.toString('utf8').startsWith('<svg') : head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(ok, `exported file is not a ${format} (starts with ${JSON.stringify(head.toString('latin1'))})`);
    });
  }

  await check('the sweep point picker switches the run charts', async () => {
    expect(frame, 'no preview frame');
    const before = await frame.evaluate(() => document.body.dataset.rendered);
    await frame.locator('#run-picker').selectOption({ label: '0 cps' });
    await frame.waitForFunction((b) => document.body.dataset.rendered !== b, before, { timeout: 30_000 });
    const title = await frame.locator('[data-chart="cpu"] svg .role-title-text').first().textContent();
    expect(/· 0 cps/.test(title ?? ''), `CPU chart title after picking 0 cps: ${JSON.stringify(title)}`);
    await frame.locator('#run-picker').selectOption({ label: '40 cps' });
  });

  await check("the preview compares the plan with the advisor's recommendation: options table and charts", async () => {
    expect(frame, 'no preview frame');
    // The advisor runs after the results: give it the model's time budget.
    await frame.locator('#advice table.advice-options tbody tr').first().waitFor({ timeout: 120_000 });
    await frame.locator('#advice svg .role-mark').first().waitFor({ timeout: 60_000 });
    const t = await frame.evaluate(() => ({
      title: document.querySelector('#advice h2')?.textContent ?? '',
      heads: [...document.querySelectorAll('#advice table.advice-options th')].map((th) => th.textContent),
      rows: [...document.querySelectorAll('#advice table.advice-options tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
    }));
    expect(/Current plan vs advisor/.test(t.title), `advice heading: ${JSON.stringify(t.title)}`);
    expect(JSON.stringify(t.heads) === JSON.stringify(['#', 'option', 'incomplete calls', 'migration time', 'all runs', 'cost']), `one migration, so no whole-plan column; headers: ${JSON.stringify(t.heads)}`);
    expect(t.rows.length >= 1 && t.rows[0][0] === '1' && t.rows[0][2] === '0', `the top option for the paper plan at 40 cps predicts 0 incomplete calls; rows: ${JSON.stringify(t.rows)}`);
    await frame.evaluate(() => document.getElementById('advice')?.scrollIntoView());
    await page.waitForTimeout(300);
    await screenshot(page, out, '05b-preview-advice');
  });

  await check('follows the theme: re-renders in light and high contrast', async () => {
    expect(frame, 'no preview frame');
    for (const [theme, cls, shot] of [['Light Modern', 'vscode-light', '06-preview-light'], ['Dark High Contrast', 'vscode-high-contrast', '07-preview-high-contrast']]) {
      const before = await frame.evaluate(() => document.body.dataset.rendered);
      await runCommand(page, 'Preferences: Color Theme');
      await page.waitForTimeout(300);
      await page.locator('.quick-input-widget input').fill(theme);
      await pick(page, theme);
      await frame.waitForFunction(([c, b]) => document.body.classList.contains(c) && document.body.dataset.rendered !== b, [cls, before], { timeout: 30_000 });
      const bg = await frame.evaluate(() => document.querySelector('#charts svg')?.querySelector('rect.background, .background')?.getAttribute('fill') ?? getComputedStyle(document.body).backgroundColor);
      await page.waitForTimeout(500);
      await frame.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, out, shot);
      log(`${theme}: chart background ${bg}`);
    }
  });

  await check('no CSP violation or script error in the browser console', async () => {
    const relevant = consoleErrors.filter((e) => /Content Security Policy|Refused to|sipmig|vega|webview\.js/i.test(e));
    expect(relevant.length === 0, `console errors:\n  ${relevant.join('\n  ')}`);
  });

  await check('the preview refuses an injected inline script (the CSP is in force and violations are seen)', async () => {
    expect(frame, 'no preview frame');
    const before = consoleErrors.length;
    await frame.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
    });
    await page.waitForTimeout(500);
    const ran = await frame.evaluate(() => window.__injected === true).catch(() => false);
    const seen = consoleErrors.slice(before).some((e) => /Content Security Policy|Refused to execute/i.test(e));
    consoleErrors.splice(before);
    expect(!ran, 'an inline script without the nonce ran in the preview');
    expect(seen, 'the refused inline script left no CSP message in the console: the CSP check above would not see violations');
  });

  await check('offers the quick fix that lengthens a scenario its migration outlasts (PRED007), and applies it', async () => {
    // Alone in the window: the editor commands below act on the first editor.
    await runCommand(page, 'View: Close All Editor Groups');
    await openFile(page, SHORT);
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /PRED007/ }).first();
    await row.waitFor({ timeout: 120_000 }).catch(() => {
      throw new Error('no PRED007 ("still migrating when the scenario ends") in the Problems panel within 120 s');
    });
    const problem = (await row.textContent()) ?? '';
    expect(/still migrating at 40 cps when the scenario ends/.test(problem), `PRED007 row: ${JSON.stringify(problem)}`);
    // Inside the diagnostic's range (the migrate statement), then the quick-fix menu.
    await goToLine(page, migrateLine);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: /Lengthen the scenario to \d+ s/ }).first();
    await fix.waitFor({ timeout: 30_000 });
    const title = (await fix.textContent()) ?? '';
    await screenshot(page, out, '08-quick-fix-duration');
    // Enter applies the focused action (a click on the row waits for an animation): it must be this one.
    const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '')) ?? '';
    expect(/Lengthen the scenario to \d+ s/.test(focused), `the focused quick fix should be the one that lengthens the scenario; it is ${JSON.stringify(focused)}`);
    await page.keyboard.press('Enter');
    const wanted = /Lengthen the scenario to (\d+) s/.exec(title)?.[1];
    const line = viewLine(page, 'duration');
    await goToLine(page, lineOf(/^\s*duration /));
    await page.waitForTimeout(500);
    const text = ((await line.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(wanted && Number(wanted) > 200 && text.includes(`duration ${wanted} s`), `after the fix the duration line should read "duration ${wanted} s"; it reads ${JSON.stringify(text)}`);
    await page.keyboard.press('Escape');
  });

  await check('a plan of several migrations: the preview\'s advisor table gives the whole plan', async () => {
    await runCommand(page, 'View: Close All Editor Groups');
    await openFile(page, THREE);
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'sipmig: Preview Charts');
    // Only the whole-plan header carries a title (what the figure means).
    const f = await findFrame(page, '#advice table.advice-options th[title]', 180_000);
    const t = await f.evaluate(() => ({
      captions: [...document.querySelectorAll('#advice .advice-caption')].map((p) => p.textContent ?? ''),
      heads: [...document.querySelectorAll('#advice table.advice-options')].map((tb) => [...tb.querySelectorAll('th')].map((th) => th.textContent)),
      firstRows: [...document.querySelectorAll('#advice table.advice-options')].map((tb) => [...(tb.querySelector('tbody tr')?.children ?? [])].map((td) => td.textContent)),
    }));
    expect(t.captions.length === 3, `one table per failing migration (3); captions: ${JSON.stringify(t.captions)}`);
    for (const [i, caption] of t.captions.entries()) {
      const planned = Number(/; whole plan (\d+), \d+ without this migration$/.exec(caption)?.[1]);
      const col = t.heads[i].indexOf('whole plan');
      const best = Number(t.firstRows[i][col]);
      expect(col === 3 && Number.isFinite(planned) && best <= planned, `table ${i + 1}: a "whole plan" column whose top option keeps the plan at or below ${planned}; caption ${JSON.stringify(caption)}, headers ${JSON.stringify(t.heads[i])}, first row ${JSON.stringify(t.firstRows[i])}`);
    }
    await f.evaluate(() => document.getElementById('advice')?.scrollIntoView());
    await page.waitForTimeout(300);
    await screenshot(page, out, '09-preview-advice-whole-plan');
  });
} finally {
  await browser.close().catch(() => {});
  server.stop();
}

if (consoleErrors.length) console.log(`console errors seen (all):\n  ${consoleErrors.slice(0, 30).join('\n  ')}`);
const failed = results.filter((r) => !r.ok);
for (const f of failed) console.log(`FAILED: ${f.name}\n  ${f.message.replace(/\n/g, '\n  ')}`);
console.log(`e2e finished in ${elapsed()}; screenshots in ${path.relative(root, out)}/`);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
