// Preloaded (node --require) into a measured process: reports its peak resident set size on exit.
process.on('exit', () => process.stderr.write(`\nSIPMIG_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`));
