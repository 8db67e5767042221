// Shared chart building: vega-lite specs from model results, headless SVG rendering,
// hover charts and the reference study's measured points.
export * from './catalog';
export * from './comparison';
export * from './context';
export { escapeHtml, safeLabel } from './data';
export * from './hover';
export * from './reference';
export * from './render';
export * from './specs';
export * from './sweep';
export * from './theme';
export * from "./report";
