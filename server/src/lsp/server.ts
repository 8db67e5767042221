// The sipmig language server: wires the document store, the model service and one
// handler per LSP feature (handlers/*.ts) to a connection. `sipmig lsp --stdio` (the
// CLI) and server/dist/server.js (main.ts, for vscode-languageclient) both end up here.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from './store';
import { ModelService } from './model/service';
import { createRunner } from './model/runner';
import { AdviceService } from './model/adviceService';
import { createAdviceRunner } from './model/adviceRunner';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
import type { ClientSupport, ServerContext } from './context';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerHover } from './handlers/hover';
import { registerCompletion, COMPLETION_TRIGGERS } from './handlers/completion';
import { registerDefinition } from './handlers/definition';
import { registerReferences } from './handlers/references';
import { registerRename } from './handlers/rename';
import { registerSymbols } from './handlers/symbols';
import { registerFolding } from './handlers/folding';
import { registerFormatting } from './handlers/formatting';
import { registerSemanticTokens, SEMANTIC_LEGEND } from './handlers/semanticTokens';
import { registerCodeActions } from './handlers/codeActions';
import { registerInlayHints } from './handlers/inlayHints';
import { registerCodeLens } from './handlers/codeLens';
import { registerResults } from './handlers/results';
import { registerAdvice } from './handlers/advice';
import pkg from '../../package.json';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = DEFAULT_SETTINGS;
  const log = (m: string) => connection.console.error(m);
  const client: ClientSupport = { configuration: false, inlayHintRefresh: false, semanticTokensRefresh: false, snippets: false, markdown: false, images: false, codeActionDisabled: false };
  const store = new DocumentStore(documents);
  const model = new ModelService(createRunner(log), () => settings);
  const advice = new AdviceService(createAdviceRunner(log), () => settings);
  const ctx: ServerContext = {
    connection,
    documents,
    store,
    model,
    settings: () => settings,
    client,
    log,
    outcomeOf: (snap) => (snap.analysis.runs.length ? model.get(model.prepare(snap.analysis.runs).key) : undefined),
    advice,
    adviceOf: (snap, outcome, waitMs) => advice.view(snap, outcome.key, outcome, waitMs),
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    client.configuration = !!caps.workspace?.configuration;
    client.inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    client.semanticTokensRefresh = !!caps.workspace?.semanticTokens?.refreshSupport;
    client.snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    client.markdown = !!caps.textDocument?.hover?.contentFormat?.includes('markdown');
    client.codeActionDisabled = !!caps.textDocument?.codeAction?.disabledSupport;
    client.images = client.markdown && /code|codium|cursor|theia/i.test(params.clientInfo?.name ?? '');
    if (params.initializationOptions) settings = parseSettings(params.initializationOptions);
    return {
      serverInfo: { name: 'sipmig', version: pkg.version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
    };
  });

  const diagnostics = registerDiagnostics(ctx);
  const applySettings = (next: Settings) => {
    const changed = JSON.stringify(next) !== JSON.stringify(settings);
    settings = next;
    if (!changed) return;
    model.settingsChanged();
    diagnostics.refreshAll();
    if (client.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };
  const pullSettings = async () => {
    if (!client.configuration) return;
    try {
      applySettings(parseSettings(await connection.workspace.getConfiguration('sipmig')));
    } catch (e) {
      log(`sipmig: could not read settings: ${(e as Error).message}`);
    }
  };
  connection.onInitialized(() => void pullSettings());
  connection.onDidChangeConfiguration((p) => {
    const pushed = (p.settings as { sipmig?: unknown } | null)?.sipmig;
    if (pushed !== undefined) applySettings(parseSettings(pushed));
    else void pullSettings();
  });
  connection.onShutdown(() => {
    model.dispose();
    advice.dispose();
  });

  registerHover(ctx);
  registerCompletion(ctx);
  registerDefinition(ctx);
  registerReferences(ctx);
  registerRename(ctx);
  registerSymbols(ctx);
  registerFolding(ctx);
  registerFormatting(ctx);
  registerSemanticTokens(ctx);
  registerCodeActions(ctx);
  registerInlayHints(ctx);
  registerCodeLens(ctx);
  registerResults(ctx);
  registerAdvice(ctx);

  documents.listen(connection);
  connection.listen();
}

/** `sipmig lsp --stdio`: the server on this process's stdin and stdout. */
export function startStdioServer(): void {
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}
