// Starts the sipmig language server (a Node module, bundled as dist/server.js) over IPC.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { readSettings } from './settings';

export function serverModule(context: vscode.ExtensionContext): string {
  const custom = readSettings().server.path.trim();
  return custom || context.asAbsolutePath('dist/server.js');
}

/** Creates and starts the client; resolves to undefined (with a message shown) when the server is missing. */
export async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<LanguageClient | undefined> {
  const module = serverModule(context);
  if (!existsSync(module)) {
    output.appendLine(`sipmig language server not found at ${module}`);
    void vscode.window.showErrorMessage(`sipmig: language server not found at ${module}. Check the sipmig.server.path setting.`);
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'sipmig' }],
    initializationOptions: readSettings(),
    // Sends workspace/didChangeConfiguration with the sipmig section when a setting changes.
    synchronize: { configurationSection: 'sipmig' },
    outputChannel: output,
  };
  const client = new LanguageClient('sipmig', 'sipmig language server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`sipmig language server failed to start: ${e instanceof Error ? e.stack : String(e)}`);
    void vscode.window.showErrorMessage('sipmig: the language server failed to start; see the sipmig output for details.');
    return undefined;
  }
  return client;
}
