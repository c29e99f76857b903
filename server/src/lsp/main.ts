/** Language server entry: `--node-ipc` (VS Code) or `--stdio` (any LSP client). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

process.on('uncaughtException', (e) => {
  // Keep serving: a bug in one request must not take the editor's analysis down.
  process.stderr.write(`[kube-stateful] uncaught: ${e?.stack ?? e}\n`);
});

startServer(createConnection(ProposedFeatures.all));
