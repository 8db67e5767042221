// Types of overBudget.mjs, for the TypeScript test that shares its scenario.
export function overBudgetScenario(sample: string, durationS?: number): string;
