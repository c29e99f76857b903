/**
 * kube-stateful command line:
 *   kube-stateful lsp --stdio                      language server for any LSP client
 *   kube-stateful lint <paths…> [--format text|json|sarif|github] [--settings file.json]
 *   kube-stateful explain <file> [--format text|json]
 */
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../core/analyzer';
import { PLATFORM_IDS } from '../core/k8s/platforms';
import { normalizePlatform, normalizeSettings } from '../core/settings';
import { Workspace } from '../core/model/workspace';
import { pathToUri, scanYamlFiles } from '../host/scan';
import { formatFindings, Format, FORMATS } from './format';
import { explainText } from './explain';

const USAGE = `Usage:
  kube-stateful lint <file|dir>... [--format text|json|sarif|github] [--settings <file.json>] [--platform <p>]
      Check Kubernetes YAML. Exit code 1 when an error-severity finding is reported, 2 on bad usage.
      --format github prints one GitHub Actions annotation (::error file=…::message) per finding.
      --platform auto|none|gke,eks,aks,openshift,k3s,kind,minikube says whose built-in StorageClasses
      exist (default auto).
  kube-stateful explain <file|dir>... [--format text|json] [--settings <file.json>]
      Print each StatefulSet's replicas: pod names, pod DNS names and PVC names.
  kube-stateful lsp --stdio
      Run the language server over stdio (for any LSP client).
Settings JSON uses the keys of the VS Code settings without the kubeStateful. prefix,
e.g. {"clusterDomain": "cluster.local", "defaultNamespace": "default", "rules": {"volume-unused": "off"}}.`;

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

/** Load paths (files or directories) into a workspace. */
export async function loadPaths(paths: string[], settingsFile?: string, platform?: string): Promise<{ ws: Workspace; analyzer: Analyzer; files: string[] }> {
  const ws = new Workspace();
  const raw = settingsFile ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  if (platform !== undefined) {
    if (normalizePlatform(platform) === undefined) throw new Error(`unknown platform ${platform} (use auto, none or ${PLATFORM_IDS.join(', ')})`);
    raw.platform = platform;
  }
  if (settingsFile || platform !== undefined) ws.setSettings(normalizeSettings(raw));
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const st = fs.statSync(abs);
    if (st.isDirectory()) files.push(...(await scanYamlFiles(abs, { include: ws.settings.include, exclude: ws.settings.exclude })));
    else files.push(abs);
  }
  for (const f of files) ws.setDiskFile(pathToUri(f), fs.readFileSync(f, 'utf8'));
  return { ws, analyzer: new Analyzer(ws), files };
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const args = [...argv];
  const cmd = args.shift();
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === 'lsp') {
    // The connection reads --stdio / --node-ipc from process.argv.
    if (!process.argv.includes('--stdio') && !process.argv.includes('--node-ipc')) process.argv.push('--stdio');
    // Loaded lazily: the linter commands do not need the LSP libraries.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../lsp/main');
    return new Promise<number>(() => undefined);
  }
  const format = (takeOption(args, '--format') ?? 'text') as Format;
  const settingsFile = takeOption(args, '--settings');
  const platform = takeOption(args, '--platform');
  if (args.length === 0 || args.some((a) => a.startsWith('--'))) {
    io.err(USAGE);
    return 2;
  }
  let loaded;
  try {
    loaded = await loadPaths(args, settingsFile, platform);
  } catch (e) {
    io.err(`kube-stateful: ${(e as Error).message}`);
    return 2;
  }
  if (cmd === 'lint') {
    if (!FORMATS.includes(format)) {
      io.err(`kube-stateful: unknown format ${format}`);
      return 2;
    }
    const { text, errors } = formatFindings(loaded.analyzer, format, process.cwd());
    io.out(text);
    return errors > 0 ? 1 : 0;
  }
  if (cmd === 'explain') {
    io.out(explainText(loaded.analyzer, format === 'json' ? 'json' : 'text'));
    return 0;
  }
  io.err(USAGE);
  return 2;
}

export function main(): void {
  runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'), err: (s) => process.stderr.write(s + '\n') }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`kube-stateful: ${(e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
