// The paper scenario with every user-chosen name replaced by something hostile: HTML that
// runs script, markdown links to command: URIs, images from remote hosts, backticks that
// would close a code span, `</script>`. The scenario stays valid, so everything a name can
// reach (diagnostics, hovers, completion, outline, model results, charts, the report) can be
// checked with it. markdown-it (CommonMark, comes with @vscode/vsce) tells what a client
// would render.
import { createRequire } from 'node:module';
import { analyze } from '../../server/src/language';
import { activeText } from '../helpers';

export const HOSTILE = {
  pm3: '<img src=x onerror=alert(1)>',
  sipas2: '[x](command:workbench.action.quit)',
  poweredge: '`code` ``` </script><script>alert(2)</script>',
  cgl_sipas: '**bold** ![i](https://evil.example/x.png) <https://evil.example>',
  sip_as: '<a href=command:evil>c</a> & &amp; | pipe',
} as const;

/** The names as they are written in the scenario (quoted strings, with `"` escaped). */
export const quoted = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export const HOSTILE_TITLE = '</script><script>alert(3)</script>';

export function hostileScenario(): string {
  let t = activeText.replace('"Active SIP-AS VM migrated at 120 s"', quoted(HOSTILE_TITLE));
  for (const [name, evil] of Object.entries(HOSTILE)) t = t.replace(new RegExp(`\\b${name}\\b`, 'g'), quoted(evil));
  const a = analyze(t);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !a.runs.length) throw new Error(`test setup: the hostile scenario must stay valid; got ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return t;
}

interface Token {
  type: string;
  content: string;
  attrs: [string, string][] | null;
  children: Token[] | null;
}
interface MarkdownIt {
  parse(src: string, env: object): Token[];
  render(src: string): string;
}

const md: MarkdownIt = (createRequire(__filename)('markdown-it') as (opts: object) => MarkdownIt)({ html: true, linkify: false });

/**
 * What a markdown renderer makes of `markdown` that is not plain text: raw HTML, links and
 * images (with their targets). `allowImages` lets data: images through (the hover chart).
 */
export function activeMarkup(markdown: string, allowDataImages = false): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'html_inline' || t.type === 'html_block') found.push(`HTML ${t.content.trim()}`);
      if (t.type === 'link_open') found.push(`link to ${t.attrs?.find(([k]) => k === 'href')?.[1]}`);
      if (t.type === 'image') {
        const src = t.attrs?.find(([k]) => k === 'src')?.[1] ?? '';
        if (!(allowDataImages && src.startsWith('data:image/'))) found.push(`image ${src}`);
      }
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(markdown, {}));
  return found;
}

/** The text a reader sees (markdown rendered to HTML, tags removed, entities decoded). */
export function visibleText(markdown: string): string {
  return md
    .render(markdown)
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
