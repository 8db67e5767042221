// Helpers that drive VS Code's workbench (as served by code-server) with playwright-core.
import path from 'node:path';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function openFile(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.dblclick();
  await page.locator(`.monaco-editor[data-uri$="${name}"] .view-lines, .editor-instance .monaco-editor .view-lines`).first().waitFor({ timeout: 30_000 });
}

/** Moves the cursor to a 1-based line with Go to Line (Ctrl+G) so the line is rendered. */
export async function goToLine(page, line) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** The rendered view-line whose text contains `text`. */
export function viewLine(page, text) {
  return page.locator('.monaco-editor .view-line', { hasText: text }).first();
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Clicks the quick-pick row whose label is exactly `label` (Enter could pick a fuzzier match). */
export async function pick(page, label, timeout = 15_000) {
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
  await row.waitFor({ timeout });
  await row.click();
}

export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await pick(page, title);
}

/** The frame holding the chart preview's document (webviews are nested iframes). */
export async function findFrame(page, selector, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      try {
        if (await f.evaluate((s) => !!document.querySelector(s), selector)) return f;
      } catch {
        /* frame navigating or detached */
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame with ${selector} within ${timeout / 1000} s`);
}

export async function screenshot(page, dir, name) {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function statusSelection(page) {
  return (await page.locator('[id="status.editor.selection"]').first().textContent({ timeout: 5_000 }).catch(() => '')) ?? '';
}
