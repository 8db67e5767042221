// The `sipmig.*` settings, read in one place. The language server gets the same nested
// section as initializationOptions and, on change, through workspace/didChangeConfiguration
// (names as docs/editors.md documents them).
import * as vscode from 'vscode';

export interface SipmigSettings {
  model: { step: string; timeBudgetMs: number };
  diagnostics: { debounceMs: number };
  inlayHints: { enabled: boolean };
  hover: { charts: boolean };
  server: { path: string };
}

export function readSettings(): SipmigSettings {
  const c = vscode.workspace.getConfiguration('sipmig');
  return {
    model: { step: c.get<string>('model.step', ''), timeBudgetMs: c.get<number>('model.timeBudgetMs', 2000) },
    diagnostics: { debounceMs: c.get<number>('diagnostics.debounceMs', 300) },
    inlayHints: { enabled: c.get<boolean>('inlayHints.enabled', true) },
    hover: { charts: c.get<boolean>('hover.charts', true) },
    server: { path: c.get<string>('server.path', '') },
  };
}
