/**
 * A minimal LSP client for tests: spawns a language server process and speaks JSON-RPC 2.0
 * over its stdio with `Content-Length` framing, the way an editor does. No dependencies.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  data?: unknown;
  relatedInformation?: unknown[];
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

interface Waiter {
  method: string;
  test: (params: any) => boolean;
  resolve: (params: any) => void;
}

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }
  >();
  private waiters: Waiter[] = [];
  /** Every notification received, in order. */
  readonly notifications: { method: string; params: any }[] = [];
  /** Latest published diagnostics per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Requests the server sent to the client (method names), in order. */
  readonly serverRequests: string[] = [];
  /** Server requests answered with an error (a client that refuses them). */
  readonly failRequests = new Set<string>();
  /** The same requests with their parameters. */
  readonly serverRequestParams: { method: string; params: unknown }[] = [];
  stderr = '';
  exitCode: number | null | undefined = undefined;
  private readonly exited: Promise<number | null>;
  /** Answers to `workspace/configuration` requests, by section. */
  configuration: Record<string, unknown> = {};

  constructor(command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv) {
    this.proc = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      this.proc.on('exit', (code) => {
        this.exitCode = code;
        for (const p of this.pending.values())
          p.reject(new Error(`server exited (${code}) before answering ${p.method}`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  private send(msg: Message): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const header = this.buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header from server: ${JSON.stringify(header)}`);
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      // A request from the server.
      this.serverRequests.push(msg.method);
      this.serverRequestParams.push({ method: msg.method, params: msg.params });
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') {
        const items = ((msg.params as { items?: { section?: string }[] })?.items ?? []) as { section?: string }[];
        result = items.map((i) => (i.section ? (this.configuration[i.section] ?? null) : null));
      }
      if (this.failRequests.has(msg.method))
        this.send({
          jsonrpc: '2.0',
          id: msg.id,
          error: { code: -32603, message: `${msg.method} refused by the test client` },
        });
      else this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method !== undefined) {
      this.notifications.push({ method: msg.method, params: msg.params });
      if (msg.method === 'textDocument/publishDiagnostics') {
        const p = msg.params as { uri: string; diagnostics: Diagnostic[] };
        this.diagnostics.set(p.uri, p.diagnostics);
      }
      const still: Waiter[] = [];
      for (const w of this.waiters) {
        if (w.method === msg.method && w.test(msg.params)) w.resolve(msg.params);
        else still.push(w);
      }
      this.waiters = still;
      return;
    }
    const p = this.pending.get(msg.id as number);
    if (!p) return;
    this.pending.delete(msg.id as number);
    if (msg.error) p.reject(new Error(`${p.method} failed: ${msg.error.code} ${msg.error.message}`));
    else p.resolve(msg.result);
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 10000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timeout waiting for the answer to ${method}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next notification of `method` whose params pass `test` (already received ones do not count). */
  waitForNotification<T = any>(
    method: string,
    test: (params: T) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const w: Waiter = {
        method,
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`timeout waiting for ${method}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /**
   * Diagnostics for `uri` that pass `test`: the latest published ones if they already do,
   * else the next publication that does.
   */
  async diagnosticsFor(
    uri: string,
    test: (d: Diagnostic[]) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<Diagnostic[]> {
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return now;
    const p = await this.waitForNotification<{ uri: string; diagnostics: Diagnostic[] }>(
      'textDocument/publishDiagnostics',
      (x) => x.uri === uri && test(x.diagnostics),
      timeoutMs,
    );
    return p.diagnostics;
  }

  /** `shutdown` then `exit`; resolves with the exit code. */
  async shutdown(timeoutMs = 5000): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    await this.request('shutdown', null, timeoutMs);
    this.notify('exit', null);
    return this.waitForExit(timeoutMs);
  }

  async waitForExit(timeoutMs = 5000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('server did not exit')), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Write raw bytes to the server's stdin (malformed traffic tests). */
  writeRaw(data: string | Buffer): void {
    this.proc.stdin.write(data);
  }

  /** Kill the process if it is still running (test cleanup). */
  kill(): void {
    if (this.exitCode === undefined) this.proc.kill('SIGKILL');
  }
}
