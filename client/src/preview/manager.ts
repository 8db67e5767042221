// Owns the single chart preview: opens it beside the editor, points it at the active sipmig
// document, and forwards "new results" and "document edited" events to it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isResultsChanged } from '../results';
import { RESULTS_CHANGED } from '../../../server/src/lsp/protocol';
import { PreviewPanel } from './panel';

export class PreviewManager implements vscode.Disposable {
  private panel: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient | undefined,
    private readonly output: vscode.OutputChannel,
  ) {
    if (client) {
      this.disposables.push(
        client.onNotification(RESULTS_CHANGED, (params: unknown) => {
          // The server has already debounced the model run: fetch at once.
          if (isResultsChanged(params) && this.panel && params.uri === this.panel.documentUri.toString()) this.panel.refreshSoon(20);
        }),
      );
    }
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === 'sipmig') this.panel?.show(editor.document.uri);
      }),
      // Also refresh on edits: a server that only answers requests still gets the preview updated.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document.uri.toString() === this.panel.documentUri.toString() && e.contentChanges.length) this.panel.refreshSoon();
      }),
    );
  }

  /** Opens (or reveals) the preview for a document, to the side of the active editor. */
  open(uri: vscode.Uri): void {
    if (this.panel) {
      this.panel.show(uri);
      this.panel.panel.reveal(undefined, true);
      return;
    }
    this.panel = PreviewPanel.create(this.extensionUri, uri, this.client, this.output, vscode.ViewColumn.Beside, () => (this.panel = undefined));
  }

  get current(): PreviewPanel | undefined {
    return this.panel;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
