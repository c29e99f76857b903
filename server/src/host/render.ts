/**
 * Rendering a kustomization with the real kustomize: `kubectl kustomize DIR` or `kustomize build
 * DIR`, whichever is on PATH (kubectl first). Run without a shell, with a time limit, a cap on
 * the output, and cancellation. Only ever called for trusted workspaces (the LSP layer checks).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface Renderer {
  /** Absolute path of the executable. */
  command: string;
  /** Arguments for a kustomization folder. */
  args(dir: string): string[];
}

export interface RenderOptions {
  timeoutMs?: number;
  /** Most bytes of output read; more is an error (the process is stopped). */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Environment (PATH is searched there); default process.env. */
  env?: NodeJS.ProcessEnv;
}

export type RenderResult = { ok: true; text: string; renderer: string } | { ok: false; error: string };

function executable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `kubectl` or `kustomize` on PATH (absolute PATH entries only), or undefined. */
export function findRenderer(env: NodeJS.ProcessEnv = process.env): Renderer | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d && path.isAbsolute(d));
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const [name, args] of [
    ['kubectl', (dir: string) => ['kustomize', dir]],
    ['kustomize', (dir: string) => ['build', dir]],
  ] as const) {
    for (const d of dirs)
      for (const e of exts) {
        const f = path.join(d, name + e);
        if (executable(f)) return { command: f, args };
      }
  }
  return undefined;
}

/** Render a kustomization folder; never throws. */
export function renderKustomization(dir: string, opts: RenderOptions = {}): Promise<RenderResult> {
  const env = opts.env ?? process.env;
  const r = findRenderer(env);
  if (!r) return Promise.resolve({ ok: false, error: 'neither kubectl nor kustomize is on PATH' });
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const done = (res: RenderResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(res);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(r.command, r.args(dir), {
        cwd: dir,
        env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (e) {
      resolve({ ok: false, error: String((e as Error)?.message ?? e) });
      return;
    }
    const stop = (error: string) => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      done({ ok: false, error });
    };
    const timer = setTimeout(() => stop(`timed out after ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => stop('cancelled');
    if (opts.signal?.aborted) return stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort);
    child.stdout!.on('data', (b: Buffer) => {
      size += b.length;
      if (size > maxBytes) stop(`output over ${maxBytes} bytes`);
      else chunks.push(b);
    });
    child.stderr!.on('data', (b: Buffer) => {
      if (stderr.length < 4096) stderr += b.toString('utf8');
    });
    child.on('error', (e) => done({ ok: false, error: e.message }));
    child.on('close', (code) => {
      if (code === 0)
        done({ ok: true, text: Buffer.concat(chunks).toString('utf8'), renderer: path.basename(r.command) });
      else
        done({ ok: false, error: `${path.basename(r.command)} exited with ${code}: ${stderr.trim().slice(0, 500)}` });
    });
  });
}
