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
import { pathToUri, scanYamlTree } from '../host/scan';
import { decodeYaml, MAX_READ, readYamlFile, realRoots } from '../host/files';
import { loadGeneratorInputs } from '../host/generator-inputs';
import { globListProblems } from '../host/glob';
import { crdPathFiles } from '../host/crd-paths';
import { formatFindings, Format, FORMATS } from './format';
import { explainText } from './explain';

const USAGE = `Usage:
  kube-stateful lint <file|dir|->... [--format text|json|sarif|github] [--settings <file.json>] [--platform <p>] [--crd-path <p>]
      Check Kubernetes YAML (- reads standard input). Exit code 1 when an error-severity finding
      is reported; 2 on bad usage, or when a file could not be read or the maxFiles limit was hit.
      --format github prints one GitHub Actions annotation (::error file=…::message) per finding.
      --platform auto|none|gke,eks,aks,openshift,k3s,kind,minikube,charmed says whose built-in StorageClasses
      exist (default auto).
      --crd-path <folder|file|glob> (repeatable) reads the CustomResourceDefinitions there, so
      custom resources are checked against their schemas.
  kube-stateful explain <file|dir>... [--format text|json] [--settings <file.json>]
      Print each StatefulSet's replicas: pod names, pod DNS names and PVC names.
  kube-stateful lsp --stdio
      Run the language server over stdio (for any LSP client).
Settings JSON uses the keys of the VS Code settings without the kubeStateful. prefix,
e.g. {"clusterDomain": "cluster.local", "defaultNamespace": "default", "rules": {"volume-unused": "off"}}.`;

export interface CliIO {
  /** Standard output; `code` is the exit code the run ends with (for a reader that goes away early). */
  out: (s: string, code?: number) => void;
  err: (s: string) => void;
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

/** Read all of standard input, up to the read limit. */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_READ) throw new Error(`standard input is over the read limit of ${MAX_READ} bytes`);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * Load paths (files, directories, or `-` for standard input) into a workspace. A path or file
 * that cannot be read is reported in `problems` (one line each) and the others are still loaded.
 */
export async function loadPaths(
  paths: string[],
  settingsFile?: string,
  platform?: string,
  crdPaths: string[] = [],
): Promise<{ ws: Workspace; analyzer: Analyzer; files: string[]; problems: string[] }> {
  const ws = new Workspace();
  const raw = settingsFile ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  if (platform !== undefined) {
    if (normalizePlatform(platform) === undefined)
      throw new Error(`unknown platform ${platform} (use auto, none or ${PLATFORM_IDS.join(', ')})`);
    raw.platform = platform;
  }
  if (crdPaths.length) raw.crdPaths = [...(Array.isArray(raw.crdPaths) ? raw.crdPaths : []), ...crdPaths];
  if (settingsFile || platform !== undefined || crdPaths.length) {
    const s = normalizeSettings(raw);
    const bad = [...globListProblems(s.include), ...globListProblems(s.exclude)];
    if (bad.length) throw new Error(`invalid glob in ${settingsFile ?? 'the settings'}: ${bad.join('; ')}`);
    ws.setSettings(s);
  }
  const files: string[] = [];
  const problems: string[] = [];
  const dirs: string[] = [];
  const load = (file: string, r: { ok: true; text: string } | { ok: false; reason: string }) => {
    if (r.ok) {
      ws.setDiskFile(pathToUri(file), r.text);
      files.push(file);
    } else problems.push(`${file}: ${r.reason}`);
  };
  for (const p of paths) {
    if (p === '-') {
      // Findings for standard input are shown under the name `-`.
      load(path.resolve('-'), decodeYaml(await readStdin()));
      continue;
    }
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(abs);
    } catch (e) {
      problems.push(`${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      dirs.push(abs);
      const scan = await scanYamlTree(abs, {
        include: ws.settings.include,
        exclude: ws.settings.exclude,
        maxFiles: ws.settings.maxFiles,
      });
      for (const d of scan.problems) problems.push(`${d.path}: cannot list the folder (${d.reason})`);
      if (scan.truncated) {
        problems.push(
          `${p}: only the first ${ws.settings.maxFiles} YAML files were checked (the maxFiles limit); raise "maxFiles" in --settings`,
        );
      }
      for (const f of scan.files) load(f, await readYamlFile(f));
    } else {
      dirs.push(path.dirname(abs));
      load(abs, await readYamlFile(abs));
    }
  }
  if (ws.settings.crdPaths.length) {
    // CRD files (--crd-path, or "crdPaths" in --settings) give schemas to custom resources.
    const crd = await crdPathFiles(process.cwd(), ws.settings.crdPaths, ws.settings.maxFiles, true);
    for (const p of crd.problems) problems.push(`crd path ${p}`);
    const seen = new Set(files);
    for (const f of crd.files) if (!seen.has(f)) load(f, await readYamlFile(f));
  }
  // Generators' inputs that are not YAML (.env, .properties, …), inside the folders given (those
  // of the files given): their content hash names the generated ConfigMaps and Secrets. Not
  // reported when unreadable: the names then show `<hash>`.
  if (dirs.length) await loadGeneratorInputs(ws, await realRoots(dirs));
  return { ws, analyzer: new Analyzer(ws), files, problems };
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
  const crdPaths: string[] = [];
  for (let p = takeOption(args, '--crd-path'); p !== undefined; p = takeOption(args, '--crd-path')) crdPaths.push(p);
  if (args.length === 0 || args.some((a) => a.startsWith('--'))) {
    io.err(USAGE);
    return 2;
  }
  let loaded;
  try {
    loaded = await loadPaths(args, settingsFile, platform, crdPaths);
  } catch (e) {
    io.err(`kube-stateful: ${(e as Error).message}`);
    return 2;
  }
  for (const p of loaded.problems) io.err(`kube-stateful: ${p}`);
  const incomplete = loaded.problems.length > 0;
  if (cmd === 'lint') {
    if (!FORMATS.includes(format)) {
      io.err(`kube-stateful: unknown format ${format}`);
      return 2;
    }
    const { text, errors } = formatFindings(loaded.analyzer, format, process.cwd());
    const code = incomplete ? 2 : errors > 0 ? 1 : 0;
    io.out(text, code);
    return code;
  }
  if (cmd === 'explain') {
    const code = incomplete ? 2 : 0;
    io.out(explainText(loaded.analyzer, format === 'json' ? 'json' : 'text'), code);
    return code;
  }
  io.err(USAGE);
  return 2;
}

/**
 * Output errors: a reader that stops early (EPIPE, `| head`) ends the run quietly with the exit
 * code of the result; any other write error (a full disk) is reported with exit code 2.
 */
function guardStdout(): { code: number } {
  const state = { code: 0 };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(state.code);
    try {
      process.stderr.write(`kube-stateful: cannot write the output: ${e.code ?? e.message}\n`);
    } catch {
      /* nowhere left to report */
    }
    process.exit(2);
  });
  return state;
}

export function main(): void {
  const state = guardStdout();
  const out = (s: string, code?: number) => {
    if (code !== undefined) state.code = code;
    process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  };
  runCli(process.argv.slice(2), { out, err: (s) => process.stderr.write(s + '\n') }).then(
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
