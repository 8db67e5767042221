// The `sipmig.*` settings, read in one place. The language server gets them as
// initializationOptions and, on change, through workspace/didChangeConfiguration.
import * as vscode from 'vscode';

export interface SipmigSettings {
  model: { stepMs: number | null; timeBudgetMs: number };
  preview: { debounceMs: number };
  inlayHints: { enabled: boolean };
  server: { path: string };
}

export function readSettings(): SipmigSettings {
  const c = vscode.workspace.getConfiguration('sipmig');
  return {
    model: { stepMs: c.get<number | null>('model.stepMs', null), timeBudgetMs: c.get<number>('model.timeBudgetMs', 2000) },
    preview: { debounceMs: c.get<number>('preview.debounceMs', 400) },
    inlayHints: { enabled: c.get<boolean>('inlayHints.enabled', true) },
    server: { path: c.get<string>('server.path', '') },
  };
}
