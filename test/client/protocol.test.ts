import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../client/src/preview/protocol';

describe('webview message validation', () => {
  it('accepts the known messages', () => {
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ ok: true, value: { type: 'ready' } });
    expect(parseWebviewMessage({ type: 'reveal', run: 2, migration: 0 })).toEqual({ ok: true, value: { type: 'reveal', run: 2, migration: 0 } });
    expect(parseWebviewMessage({ type: 'export', chart: 'sweep-cpu', format: 'svg', data: '<svg></svg>' }).ok).toBe(true);
    expect(parseWebviewMessage({ type: 'export', chart: 'cpu', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }).ok).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'runCommand', command: 'x' }, /unknown message type/],
    ['a non-object', 'ready', /not an object/],
    ['null', null, /not an object/],
    ['extra fields', { type: 'ready', evil: 1 }, /unexpected field/],
    ['a negative index', { type: 'reveal', run: -1, migration: 0 }, /non-negative integers/],
    ['a fractional index', { type: 'reveal', run: 0.5, migration: 0 }, /non-negative integers/],
    ['a path as chart id', { type: 'export', chart: '../../etc/passwd', format: 'svg', data: '<svg/>' }, /chart id/],
    ['HTML posing as SVG', { type: 'export', chart: 'cpu', format: 'svg', data: '<html><script>' }, /SVG document/],
    ['a non-PNG data URL', { type: 'export', chart: 'cpu', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' }, /PNG data URL/],
    ['an unknown format', { type: 'export', chart: 'cpu', format: 'pdf', data: '' }, /svg or png/],
  ])('rejects %s', (_name, message, reason) => {
    const r = parseWebviewMessage(message);
    expect(r.ok, `message ${JSON.stringify(message)} must be rejected`).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
