// The scenario that shows the model's time budget at work, for the benchmark
// (scripts/bench-lsp.mjs) and the test (test/limits/budget.test.ts) alike: the paper scenario
// made long (11 000 s: 9 runs of 110 000 steps, just inside the limits) under a rate policy.
// A rate in force holds every step back from repeating the last, so the model cannot copy
// steady steps (docs/model.md §1) and must simulate all 990 000: 1.4-1.6 s of model time on
// the machine that wrote this, about 0.7 s on the language server's two workers. (With its
// CPU phases the scenario is steady after its migration, and it finishes within a second.)

/** The paper sample `sample` as the over-budget scenario; `durationS` varies it (11 000 s by default). */
export function overBudgetScenario(sample, durationS = 11000) {
  const rate = sample.replace(/  overload_control \{[\s\S]*?\n  \}\n/, '  overload_control {\n    policy rate\n    admit 30 cps\n  }\n');
  const long = rate.replace('duration 420 s', `duration ${durationS} s`);
  if (rate === sample || long === rate) throw new Error('over-budget scenario: the sample has no overload_control block or no `duration 420 s`');
  return long;
}
