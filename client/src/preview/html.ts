// The preview's HTML shell: strict CSP (no remote anything, no eval, scripts by nonce),
// the bundled webview script (vega included) and one stylesheet.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css'));
  // img-src data:/blob: for exported PNG previews vega may draw; style-src without
  // 'unsafe-inline' is why vega-embed runs with defaultStyle: false and our own CSS.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data: blob:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>sipmig charts</title>
</head>
<body>
<header id="header"><h1 id="title">sipmig charts</h1><div id="controls"></div></header>
<div id="status" role="status">Waiting for model results…</div>
<main id="charts"></main>
<section id="advice" hidden></section>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
