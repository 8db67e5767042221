// Entry point of server/dist/server.js. vscode-languageclient starts it with --node-ipc
// (TransportKind.ipc) or --stdio; other editors use --stdio. The same file, started as a
// worker thread by the server itself, runs the model (model/worker.ts), so the model never
// blocks the thread that answers the editor.
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures } from 'vscode-languageserver/node';
import { isModelWorker, runModelWorker } from './model/worker';
import { startServer, startStdioServer } from './server';

function main(argv: string[]): void {
  if (isModelWorker()) return runModelWorker();
  if (argv.includes('--node-ipc')) return startServer(createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process)));
  if (argv.includes('--stdio')) return startStdioServer();
  process.stderr.write('usage: node server.js --stdio | --node-ipc (the sipmig language server)\n');
  process.exitCode = 2;
}

main(process.argv.slice(2));
