/** Language server entry: `--node-ipc` (VS Code) or `--stdio` (any LSP client). */
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { startServer } from './server';

process.on('uncaughtException', (e) => {
  // Keep serving: a bug in one request must not take the editor's analysis down.
  process.stderr.write(`[kube-stateful] uncaught: ${e?.stack ?? e}\n`);
});

/**
 * Seconds without progress on a started message after which the stream is taken as broken
 * (a wrong Content-Length): a server that silently waits forever cannot be restarted.
 */
const PARTIAL_MESSAGE_MS =
  Number(process.env.KUBE_STATEFUL_PARTIAL_MESSAGE_MS) > 0
    ? Number(process.env.KUBE_STATEFUL_PARTIAL_MESSAGE_MS)
    : 10000;

/** A broken stream: say why on stderr and exit non-zero, so that the client restarts the server. */
function fatal(why: string): never {
  process.stderr.write(`[kube-stateful] ${why}; exiting so that the client can restart the server\n`);
  process.exit(3);
}

if (!process.argv.includes('--stdio')) {
  // --node-ipc (VS Code), --socket or --pipe: messages are framed by the transport.
  startServer(createConnection(ProposedFeatures.all));
} else {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.partialMessageTimeout = PARTIAL_MESSAGE_MS;
  reader.onError((e) => fatal(`LSP framing error on stdin: ${e?.message ?? e}`));
  reader.onPartialMessage((info) =>
    fatal(`LSP message incomplete after ${info.waitingTime} ms (wrong Content-Length?)`),
  );
  writer.onError(([e]) => fatal(`cannot write to the client: ${e?.message ?? e}`));
  startServer(createConnection(ProposedFeatures.all, reader, writer));
}
