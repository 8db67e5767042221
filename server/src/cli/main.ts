// The `sipmig` command line. Usage errors exit 2 with one line; `check` exits 1 when a
// file has errors; nothing ever ends in a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkFiles } from './check';
import { runFile } from './run';
import { processIo, type CliIo } from './io';
import { adviseFile } from './advise';
import { reportFile, reportRuns } from './report';
import pkg from '../../package.json';

const HELP = `sipmig ${pkg.version} - check and predict live migrations of virtualized carrier-grade SIP servers

Usage:
  sipmig check FILE... [--json]          diagnostics: path:line:col - severity CODE: message
  sipmig run FILE [--json] [--series] [--csv OUT.csv]
                                         simulate every run (sweep point): migration time, CPU,
                                         overload phases, incomplete calls
  sipmig report FILE [-o OUT.html] [--svg DIR] [--run all|LABEL]...
                                         a self-contained HTML report with the charts and a
                                         results table; --svg writes one SVG per chart
  sipmig advise FILE [--json] [--apply]  what would make each migration safe; exit 3 when calls
                                         are predicted to fail (--apply writes the best option)
  sipmig lsp --stdio                     start the language server (for any LSP editor)
  sipmig --help | --version

Exit codes: 0 ok, 1 errors in a scenario, 2 usage error, 3 (advise) calls predicted to fail.`;

const COMMANDS: Record<string, { options: NonNullable<ParseArgsConfig['options']>; run: (files: string[], v: Record<string, unknown>, io: CliIo) => number | Promise<number> }> = {
  check: {
    options: { json: { type: 'boolean' } },
    run: (files, v, io) => (files.length ? checkFiles(files, !!v.json, io) : usage(io, 'check needs at least one FILE')),
  },
  run: {
    options: { json: { type: 'boolean' }, series: { type: 'boolean' }, csv: { type: 'string' } },
    run: (files, v, io) => (files.length === 1 ? runFile(files[0], { json: !!v.json, series: !!v.series, csv: v.csv as string | undefined }, io) : usage(io, 'run takes exactly one FILE')),
  },
  report: {
    options: { out: { type: 'string', short: 'o' }, svg: { type: 'string' }, run: { type: 'string', multiple: true } },
    run: (files, v, io) => (files.length === 1 ? reportFile(files[0], { out: v.out as string | undefined, svgDir: v.svg as string | undefined, runs: reportRuns(v.run) }, io) : usage(io, 'report takes exactly one FILE')),
  },
  advise: {
    options: { json: { type: 'boolean' }, apply: { type: 'boolean' } },
    run: (files, v, io) => (files.length === 1 ? adviseFile(files[0], { json: !!v.json, apply: !!v.apply }, io) : usage(io, 'advise takes exactly one FILE')),
  },
};

function usage(io: CliIo, message: string): number {
  io.err(`sipmig: ${message} (see sipmig --help)`);
  return 2;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(pkg.version);
    return 0;
  }
  if (command === 'lsp') {
    const { startStdioServer } = await import('../lsp/server');
    startStdioServer();
    return -1; // keeps running
  }
  const cmd = COMMANDS[command];
  if (!cmd) return usage(io, `unknown command '${command}'`);
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    return usage(io, (e as Error).message.split('\n')[0]);
  }
  if (parsed.values.help) {
    io.out(HELP);
    return 0;
  }
  try {
    return await cmd.run(parsed.positionals, parsed.values, io);
  } catch (e) {
    // A bug, not a user mistake: say so in one line, without a stack trace.
    io.err(`sipmig: internal error: ${(e as Error).message}. Please report it with the scenario file.`);
    return 70;
  }
}

if (require.main === module || (globalThis as { __sipmigBin?: boolean }).__sipmigBin) {
  // `sipmig run plan.sipmig | head`: the reader has gone, so the rest of the output has nowhere to
  // go. Stop quietly, as Unix tools do, instead of an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
