// sipmig for VS Code: starts the language server, registers the chart preview and commands.
// Activates on the sipmig language only (package.json activationEvents).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startClient } from './client';
import { registerCommands } from './commands';
import { PreviewManager } from './preview/manager';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('sipmig', { log: true });
  context.subscriptions.push(output);
  client = await startClient(context, output);
  const previews = new PreviewManager(context.extensionUri, client, output);
  context.subscriptions.push(previews);
  registerCommands(context, client, previews);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
