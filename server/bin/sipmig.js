#!/usr/bin/env node
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (built by `npm ci` via the root `prepare` script).
globalThis.__sipmigBin = true;
require('../dist/cli.js');
