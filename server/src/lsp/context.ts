// What every handler gets: the connection, the documents, their analysis and the model.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore, Snapshot } from './store';
import type { ModelOutcome, ModelService } from './model/service';
import type { Settings } from './settings';
import type { AdviceService } from './model/adviceService';
import type { AdviceView } from './features/advice';

export interface ClientSupport {
  configuration: boolean;
  inlayHintRefresh: boolean;
  semanticTokensRefresh: boolean;
  snippets: boolean;
  markdown: boolean;
  /** Renders images in hover markdown (VS Code and its forks); others would show the base64 text. */
  images: boolean;
  /** Shows code actions with a `disabled` reason (the advisor's "computing…"). */
  codeActionDisabled: boolean;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  model: ModelService;
  settings(): Settings;
  client: ClientSupport;
  /** The model's results for the document's current version, when they are known. */
  outcomeOf(snap: Snapshot): ModelOutcome | undefined;
  advice: AdviceService;
  /** The advisor's answer for the document's current version and these model results, waiting for its job at most `waitMs`. */
  adviceOf(snap: Snapshot, outcome: ModelOutcome, waitMs: number): Promise<AdviceView>;
  log(message: string): void;
}

/** Runs a handler body and turns an unexpected exception into a log line and a fallback answer: one bad document must not take the server down. */
export function guard<T>(ctx: Pick<ServerContext, 'log'>, what: string, fallback: T, body: () => T): T {
  try {
    return body();
  } catch (e) {
    ctx.log(`sipmig ${what} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return fallback;
  }
}
