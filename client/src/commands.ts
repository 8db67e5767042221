// The three commands: Preview Charts, Run Scenario, Export Report.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ResultsResponse } from '../../server/src/charts/context';
import type { PreviewManager } from './preview/manager';
import { chartContext } from './results';
import { RESULTS_REQUEST, type ResultsParams } from '../../server/src/lsp/protocol';
import { formatSummary } from './summary';

/** The sipmig document a command applies to: the active editor's, else the previewed one. */
function targetUri(previews: PreviewManager, arg?: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  // The server's code lenses pass the document URI as a string.
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'sipmig') return doc.uri;
  return previews.current?.documentUri;
}

/** The results; `summariesOnly` asks for no per-step series (the run table needs none). */
async function fetchResults(client: LanguageClient | undefined, uri: vscode.Uri, summariesOnly = false): Promise<ResultsResponse | undefined> {
  if (!client) {
    void vscode.window.showErrorMessage('sipmig: the language server is not running.');
    return undefined;
  }
  const params: ResultsParams = summariesOnly ? { uri: uri.toString(), runs: [] } : { uri: uri.toString() };
  const response = await client.sendRequest<ResultsResponse | null>(RESULTS_REQUEST, params);
  if (!response?.file) {
    void vscode.window.showWarningMessage(`sipmig: no model results for ${path.basename(uri.fsPath)}${response?.message ? `: ${response.message}` : ' (does it have errors?)'}`);
    return undefined;
  }
  return response;
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient | undefined, previews: PreviewManager): void {
  // A plain channel for result tables: the log channel would prefix timestamps and break the columns.
  const results = vscode.window.createOutputChannel('sipmig results');
  context.subscriptions.push(results);
  const noFile = () => void vscode.window.showInformationMessage('sipmig: open a .sipmig file first.');
  context.subscriptions.push(
    vscode.commands.registerCommand('sipmig.previewCharts', (arg?: unknown) => {
      const uri = targetUri(previews, arg);
      if (!uri) return noFile();
      previews.open(uri);
    }),
    vscode.commands.registerCommand('sipmig.runScenario', async (arg?: unknown) => {
      const uri = targetUri(previews, arg);
      if (!uri) return noFile();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc?.isDirty) await doc.save();
      const response = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'sipmig: running the model' }, () => fetchResults(client, uri, true));
      if (!response?.file) return;
      results.appendLine(formatSummary(response.file, new Date(), uri.scheme === 'file' ? uri.fsPath : uri.toString()));
      results.appendLine('');
      results.show(true);
    }),
    vscode.commands.registerCommand('sipmig.exportReport', async (arg?: unknown) => {
      const uri = targetUri(previews, arg);
      if (!uri) return noFile();
      const response = await fetchResults(client, uri);
      if (!response?.file) return;
      const base = path.basename(uri.fsPath).replace(/\.sipmig$/, '');
      const target = await vscode.window.showSaveDialog({
        defaultUri: uri.scheme === 'file' ? vscode.Uri.file(path.join(path.dirname(uri.fsPath), `${base}-report.html`)) : undefined,
        filters: { 'HTML report': ['html'] },
        saveLabel: 'Export Report',
      });
      if (!target) return;
      // Loaded on first use: vega is large and only this command needs it in the extension host.
      const { buildReport } = await import('../../server/src/charts/report');
      const { html } = await buildReport(response.file, { ...chartContext(response), generatedAt: new Date().toISOString() });
      await vscode.workspace.fs.writeFile(target, Buffer.from(html, 'utf8'));
      const open = await vscode.window.showInformationMessage(`sipmig: report written to ${target.fsPath}`, 'Open');
      if (open) await vscode.env.openExternal(target);
    }),
  );
}
