// The chart preview: one webview panel beside the editor that follows the active sipmig
// document (as Markdown's side preview does) and refreshes when the server has new results.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ResultsResponse } from '../../../server/src/charts/context';
import { chartContext, hasRanges, migrationRange } from '../results';
import { isAdviceAnswer } from '../advice';
import { ADVICE_REQUEST, RESULTS_REQUEST, type ResultsParams } from '../../../server/src/lsp/protocol';
import { readSettings } from '../settings';
import { previewHtml } from './html';
import { type HostMessage, parseWebviewMessage, PNG_PREFIX, type WebviewMessage } from './protocol';

export const PREVIEW_VIEW_TYPE = 'sipmig.preview';

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: ResultsResponse | undefined;
  private ready = false;
  private requestSeq = 0;
  private adviceSeq = 0;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private uri: vscode.Uri,
    private readonly client: LanguageClient | undefined,
    private readonly output: vscode.OutputChannel,
    private readonly onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => this.receive(m)),
    );
    this.updateTitle();
  }

  static create(extensionUri: vscode.Uri, uri: vscode.Uri, client: LanguageClient | undefined, output: vscode.OutputChannel, column: vscode.ViewColumn, onDispose: () => void): PreviewPanel {
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'sipmig charts', { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      // Nothing outside the extension's bundles and stylesheet can be loaded.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
    panel.webview.html = previewHtml(panel.webview, extensionUri);
    return new PreviewPanel(panel, uri, client, output, onDispose);
  }

  get documentUri(): vscode.Uri {
    return this.uri;
  }

  /** Shows another document's results (the active editor changed). */
  show(uri: vscode.Uri): void {
    if (uri.toString() === this.uri.toString()) return;
    this.uri = uri;
    this.last = undefined;
    this.updateTitle();
    this.refreshSoon(0);
  }

  /** Refreshes after a delay: the debounce while typing, little after a resultsChanged notification. */
  refreshSoon(delay = readSettings().diagnostics.debounceMs): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    this.timer = undefined;
    if (!this.ready) return; // the READY handshake triggers the first refresh
    if (!this.client) {
      this.post({ type: 'status', state: 'no-server', message: 'The sipmig language server is not running, so there are no model results to chart.' });
      return;
    }
    const seq = ++this.requestSeq;
    const uri = this.uri;
    try {
      const response = await this.client.sendRequest<ResultsResponse | null>(RESULTS_REQUEST, { uri: uri.toString() } satisfies ResultsParams);
      // A newer request (or another document) superseded this one while it ran.
      if (seq !== this.requestSeq || uri.toString() !== this.uri.toString()) return;
      if (!response) {
        this.post({ type: 'status', state: 'waiting', message: 'No results yet for this document.' });
        return;
      }
      if (this.last && (response.version ?? 0) < (this.last.version ?? 0)) return;
      this.last = response;
      this.post({ type: 'results', fileName: path.basename(uri.fsPath || uri.path), response, context: chartContext(response), canReveal: hasRanges(response) });
      // The advisor may take seconds (its own worker, its own budget): the charts above do not wait for it.
      if (response.file) void this.refreshAdvice(uri);
    } catch (e) {
      if (seq !== this.requestSeq) return;
      const message = e instanceof Error ? e.message : String(e);
      this.output.appendLine(`sipmig/results failed for ${uri.toString()}: ${message}`);
      this.post({ type: 'status', state: 'error', message: `Could not get model results: ${message}` });
    }
  }

  /** Asks sipmig/advice and hands a well-formed answer to the webview; an older request's answer is dropped. */
  private async refreshAdvice(uri: vscode.Uri): Promise<void> {
    if (!this.client) return;
    const seq = ++this.adviceSeq;
    try {
      const response = await this.client.sendRequest<unknown>(ADVICE_REQUEST, { uri: uri.toString() } satisfies ResultsParams);
      if (seq !== this.adviceSeq || uri.toString() !== this.uri.toString()) return;
      if (!isAdviceAnswer(response)) {
        this.output.appendLine(`sipmig/advice answered something the panel does not understand for ${uri.toString()}`);
        return;
      }
      this.post({ type: 'advice', response });
    } catch (e) {
      if (seq === this.adviceSeq) this.output.appendLine(`sipmig/advice failed for ${uri.toString()}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private updateTitle(): void {
    this.panel.title = `Charts: ${path.basename(this.uri.fsPath || this.uri.path)}`;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.output.appendLine(`sipmig preview: rejected a message from the webview (${parsed.reason})`);
      return;
    }
    void this.handle(parsed.value);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'reveal':
        await this.reveal(m.run, m.migration);
        return;
      case 'export':
        await this.exportChart(m.chart, m.format, m.data);
        return;
      case 'error':
        this.output.appendLine(`sipmig preview: ${m.message}`);
        return;
    }
  }

  /** Reveals a migration's `migrate` statement; the range comes from our copy of the results, never from the webview. */
  private async reveal(run: number, migration: number): Promise<void> {
    const r = migrationRange(this.last, run, migration);
    if (!r) {
      void vscode.window.showInformationMessage('sipmig: the language server did not say where this migration is declared.');
      return;
    }
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const editor = await vscode.window.showTextDocument(this.uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async exportChart(chart: string, format: 'svg' | 'png', data: string): Promise<void> {
    const base = path.basename(this.uri.fsPath || this.uri.path).replace(/\.sipmig$/, '');
    const dir = this.uri.scheme === 'file' ? vscode.Uri.file(path.dirname(this.uri.fsPath)) : undefined;
    const target = await vscode.window.showSaveDialog({
      defaultUri: dir ? vscode.Uri.joinPath(dir, `${base}-${chart}.${format}`) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: `Export ${format.toUpperCase()}`,
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.slice(PNG_PREFIX.length), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`sipmig: chart saved to ${target.fsPath || target.toString()}`);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.onDispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
