// Settings parsing and the formatting edit (pure helpers of the LSP layer).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, parseStep } from '../../server/src/lsp/settings';
import { minimalEdit } from '../../server/src/lsp/handlers/formatting';

describe('settings', () => {
  it('reads the documented names, nested as VS Code sends them', () => {
    expect(parseSettings({ model: { step: '500 ms', timeBudgetMs: 5000 }, diagnostics: { debounceMs: 100 }, inlayHints: { enabled: false }, hover: { charts: true } })).toEqual({ modelStepS: 0.5, debounceMs: 100, inlayHints: false, timeBudgetMs: 5000, hoverCharts: true });
  });

  it("reads the extension's names (model.stepMs, preview.debounceMs) and Helix's { sipmig: {...} }", () => {
    expect(parseSettings({ model: { stepMs: 250 }, preview: { debounceMs: 400 } })).toMatchObject({ modelStepS: 0.25, debounceMs: 400 });
    expect(parseSettings({ sipmig: { inlayHints: { enabled: false } } }).inlayHints).toBe(false);
    expect(parseSettings({ 'diagnostics.debounceMs': 10 }).debounceMs).toBe(10);
  });

  it('falls back to the defaults on nonsense instead of failing', () => {
    expect(parseSettings({ model: { step: 'fast', timeBudgetMs: 'x' }, diagnostics: { debounceMs: -5 } })).toEqual({ ...DEFAULT_SETTINGS, debounceMs: 0, modelStepS: undefined, hoverCharts: undefined });
    expect(parseSettings(null)).toEqual({ ...DEFAULT_SETTINGS, modelStepS: undefined, hoverCharts: undefined });
    expect(parseStep('20 s'), 'outside the 1 ms to 10 s the language allows').toBeUndefined();
    expect(parseStep('1 s')).toBe(1);
    expect(parseStep(100)).toBe(0.1);
  });
});

describe('minimal formatting edit', () => {
  it('replaces only what differs', () => {
    const before = 'host a {\n hardware h\n}\n';
    const e = minimalEdit(before, 'host a {\n  hardware h\n}\n');
    expect(e.end - e.start, 'nothing of the text is replaced').toBe(0);
    expect(e.newText, 'one space is inserted').toBe(' ');
    expect(before.slice(0, e.start) + e.newText + before.slice(e.end)).toBe('host a {\n  hardware h\n}\n');
  });

  it('never splits a CRLF or a surrogate pair', () => {
    const e = minimalEdit('a\r\nb', 'a\r\n\r\nb');
    const before = 'a\r\nb';
    expect(before[e.start - 1] === '\r' && before[e.start] === '\n', 'the edit must not start between \\r and \\n').toBe(false);
    expect('a\r\nb'.slice(0, e.start) + e.newText + 'a\r\nb'.slice(e.end)).toBe('a\r\n\r\nb');
    const s = minimalEdit('x\uD83D\uDE00y', 'x\uD83D\uDE01y');
    expect(s.start).toBe(1);
  });
});
