/**
 * docs/editors.md, tested: the Neovim, Helix and Emacs (eglot) configurations are read from the
 * document itself (command line, initializationOptions, settings), and the server is started
 * exactly that way (the command resolved on PATH, stdio, the same initializationOptions, and
 * `workspace/configuration` answered as that editor answers it). Each one must give diagnostics,
 * a hover, and show that its settings arrived (a StorageClass known only from the settings).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { ROOT } from '../support/fixtures';
import { Diagnostic, LspClient } from '../support/lsp-client';

/* eslint-disable @typescript-eslint/no-explicit-any */
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8');

function blocks(lang: string): string[] {
  return [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

// ---- tiny readers for the three configuration languages (only what the document uses) ----------
type Tok = { t: string; v?: string };
function tokenize(src: string, re: RegExp): Tok[] {
  const out: Tok[] = [];
  for (const m of src.matchAll(re)) {
    if (m[1] !== undefined) out.push({ t: 'str', v: m[1] ?? m[2] });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'word', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: m[4] });
  }
  return out;
}

/** A Lua table constructor: `{ k = v, 'a', … }` → object or array. */
function parseLua(src: string): any {
  const toks = tokenize(src, /"([^"]*)"|'([^']*)'|([A-Za-z_][\w.]*|-?\d+)|([{}=,()])/g);
  let i = 0;
  const value = (): any => {
    const tok = toks[i++];
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'word' || tok.t === ')') {
      // A function call such as require('x').f('a'): kept as an opaque reference.
      if (tok.t === 'word' && toks[i]?.t !== '(')
        return tok.v === 'true'
          ? true
          : tok.v === 'false'
            ? false
            : /^-?\d+$/.test(tok.v!)
              ? Number(tok.v)
              : { ref: tok.v };
      let depth = 0;
      for (; i < toks.length; i++) {
        if (toks[i].t === '(') depth++;
        else if (toks[i].t === ')') depth--;
        else if (depth === 0 && toks[i].t !== 'word') break;
      }
      return { call: true };
    }
    assert.strictEqual(tok.t, '{', 'Lua value');
    const obj: Record<string, any> = {};
    const arr: any[] = [];
    while (toks[i].t !== '}') {
      if (toks[i].t === 'word' && toks[i + 1]?.t === '=') {
        const k = toks[i].v!;
        i += 2;
        obj[k] = value();
      } else arr.push(value());
      if (toks[i].t === ',') i++;
    }
    i++;
    return Object.keys(obj).length > 0 ? obj : arr;
  };
  return value();
}

/** The `[language-server.<name>]` table of a languages.toml (inline values only). */
function parseTomlSection(src: string, header: string): Record<string, any> {
  const start = src.indexOf(`[${header}]`);
  assert.ok(start >= 0, `[${header}] in the Helix block`);
  const body = src.slice(start + header.length + 2).split(/\n\[/)[0];
  const toks = tokenize(body.replace(/#[^\n]*/g, ''), /"([^"]*)"|'([^']*)'|([A-Za-z_][\w-]*|-?\d+)|([{}[\]=,\n])/g);
  let i = 0;
  const skipNl = () => {
    while (toks[i]?.t === '\n') i++;
  };
  const value = (): any => {
    skipNl();
    const tok = toks[i++];
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'word') return tok.v === 'true' ? true : tok.v === 'false' ? false : Number(tok.v);
    if (tok.t === '[') {
      const arr: any[] = [];
      for (skipNl(); toks[i].t !== ']'; skipNl()) {
        arr.push(value());
        skipNl();
        if (toks[i].t === ',') i++;
      }
      i++;
      return arr;
    }
    assert.strictEqual(tok.t, '{', 'TOML value');
    const obj: Record<string, any> = {};
    while (toks[i].t !== '}') {
      const k = toks[i].v!;
      assert.strictEqual(toks[i + 1].t, '=');
      i += 2;
      obj[k] = value();
      if (toks[i].t === ',') i++;
    }
    i++;
    return obj;
  };
  const table: Record<string, any> = {};
  for (skipNl(); i < toks.length; skipNl()) {
    const k = toks[i].v!;
    assert.strictEqual(toks[i + 1].t, '=', `key = value in [${header}]`);
    i += 2;
    table[k] = value();
  }
  return table;
}

/** An eglot server program: `("cmd" "arg"… :key value …)` with plists `(:k v …)` and vectors `[…]`. */
function parseEglotProgram(src: string, command: string): { cmd: string[]; options: Record<string, any> } {
  const start = src.indexOf(`("${command}"`);
  assert.ok(start >= 0, `("${command}" … in the eglot block`);
  const toks = tokenize(src.slice(start), /"([^"]*)"|(?!)()|([:A-Za-z_][\w:-]*)|([()[\]])/g);
  let i = 0;
  const value = (): any => {
    const tok = toks[i++];
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'word') return tok.v === 't' ? true : tok.v === ':json-false' ? false : tok.v;
    if (tok.t === '[') {
      const arr: any[] = [];
      while (toks[i].t !== ']') arr.push(value());
      i++;
      return arr;
    }
    assert.strictEqual(tok.t, '(');
    const obj: Record<string, any> = {};
    while (toks[i].t !== ')') {
      const k = toks[i++].v!;
      assert.ok(k.startsWith(':'), `plist key ${k}`);
      obj[k.slice(1)] = value();
    }
    i++;
    return obj;
  };
  assert.strictEqual(toks[i++].t, '(');
  const cmd: string[] = [];
  while (toks[i].t === 'str') cmd.push(toks[i++].v!);
  const options: Record<string, any> = {};
  while (toks[i].t !== ')') {
    const k = toks[i++].v!;
    options[k.slice(1)] = value();
  }
  return { cmd, options };
}

// ---- what each editor sends --------------------------------------------------------------------
interface EditorLaunch {
  editor: string;
  cmd: string[];
  initializationOptions: unknown;
  /** The editor's answer to workspace/configuration, by section (absent: null). */
  configuration: Record<string, unknown>;
  /** The workspace/didChangeConfiguration the editor sends right after `initialized`, if any. */
  didChangeConfiguration?: { settings: unknown };
}

function neovim(): EditorLaunch {
  const lua = blocks('lua')[0];
  const m = /vim\.lsp\.config\('kube_stateful',\s*/.exec(lua);
  assert.ok(m, 'vim.lsp.config(...) in the first Lua block');
  const cfg = parseLua(lua.slice(m.index + m[0].length));
  assert.deepStrictEqual(cfg.filetypes, ['yaml']);
  assert.match(lua, /vim\.lsp\.enable\('kube_stateful'\)/);
  // Neovim answers workspace/configuration by looking the section up in `settings`, and sends
  // `settings` in a didChangeConfiguration after `initialized` when it has any.
  return {
    editor: 'Neovim',
    cmd: cfg.cmd,
    initializationOptions: cfg.init_options,
    configuration: cfg.settings ?? {},
    didChangeConfiguration: cfg.settings ? { settings: cfg.settings } : undefined,
  };
}

function neovimLspconfig(): EditorLaunch {
  const lua = blocks('lua')[1];
  const m = /configs\.kube_stateful = /.exec(lua);
  assert.ok(m);
  const cfg = parseLua(lua.slice(m.index + m[0].length)).default_config;
  return {
    editor: 'Neovim (nvim-lspconfig)',
    cmd: cfg.cmd,
    initializationOptions: cfg.init_options,
    configuration: cfg.settings ?? {},
    didChangeConfiguration: cfg.settings ? { settings: cfg.settings } : undefined,
  };
}

function helix(): EditorLaunch {
  const toml = blocks('toml')[0];
  const ls = parseTomlSection(toml, 'language-server.kube-stateful');
  assert.match(toml, /language-servers = \[[^\]]*"kube-stateful"/, 'the server is enabled for yaml');
  // Helix sends `config` as initializationOptions, again in a didChangeConfiguration after
  // `initialized`, and answers workspace/configuration from it.
  return {
    editor: 'Helix',
    cmd: [ls.command, ...(ls.args ?? [])],
    initializationOptions: ls.config,
    configuration: ls.config ?? {},
    didChangeConfiguration: ls.config ? { settings: ls.config } : undefined,
  };
}

function eglot(): EditorLaunch {
  const el = blocks('elisp')[0];
  const p = parseEglotProgram(el, 'kube-stateful');
  // Without eglot-workspace-configuration, eglot answers workspace/configuration with null, and
  // its didChangeConfiguration on connect carries an empty object.
  return {
    editor: 'Emacs (eglot)',
    cmd: p.cmd,
    initializationOptions: p.options.initializationOptions,
    configuration: {},
    didChangeConfiguration: { settings: {} },
  };
}

/** In the project on disk: found only through the workspace scan of the root the editor sends. */
const CLUSTER = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: kubernetes.io/no-provisioner
`;

/** The buffer the editor opens. */
const MANIFEST = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: [RWO]
        storageClassName: gp3
        resources:
          requests:
            storage: 1Gi
`;

describe('other editors (docs/editors.md)', function () {
  this.timeout(60_000);
  let tmp: string;
  let binDir: string;
  let project: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-editors-'));
    // `kube-stateful` on PATH, as `npm install -g kube-stateful` puts it.
    binDir = path.join(tmp, 'bin');
    fs.mkdirSync(binDir);
    fs.symlinkSync(path.join(ROOT, 'bin', 'kube-stateful.js'), path.join(binDir, 'kube-stateful'));
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'web.yaml'), MANIFEST);
    fs.writeFileSync(path.join(project, 'cluster.yaml'), CLUSTER);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** `command` looked up on a PATH that has the installed binary first, as the editor's spawn does. */
  function which(command: string): string {
    for (const dir of [binDir, ...(process.env.PATH ?? '').split(path.delimiter)]) {
      const p = path.join(dir, command);
      if (fs.existsSync(p)) return p;
    }
    throw new Error(`${command} not on PATH`);
  }

  async function session(launch: EditorLaunch, check: (c: LspClient, uri: string) => Promise<void>): Promise<void> {
    const client = new LspClient(which(launch.cmd[0]), launch.cmd.slice(1), project);
    client.configuration = launch.configuration;
    try {
      const rootUri = pathToUri(project);
      const init = await client.request('initialize', {
        processId: process.pid,
        clientInfo: { name: launch.editor },
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'project' }],
        initializationOptions: launch.initializationOptions,
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: false },
          },
          textDocument: {
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { relatedInformation: true },
            codeAction: {},
          },
        },
      });
      assert.strictEqual(init.serverInfo.name, 'kube-stateful');
      client.notify('initialized', {});
      if (launch.didChangeConfiguration)
        client.notify('workspace/didChangeConfiguration', launch.didChangeConfiguration);
      const uri = pathToUri(path.join(project, 'web.yaml'));
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: MANIFEST } });
      await check(client, uri);
      assert.strictEqual(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  }

  const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

  it('the document has one configuration per editor, all starting `kube-stateful lsp --stdio`', () => {
    for (const l of [neovim(), neovimLspconfig(), helix(), eglot()]) {
      assert.deepStrictEqual(l.cmd, ['kube-stateful', 'lsp', '--stdio'], l.editor);
      assert.deepStrictEqual(
        (l.initializationOptions as any)?.settings?.knownStorageClasses,
        ['gp3'],
        `${l.editor} sends settings in initializationOptions`,
      );
    }
    assert.deepStrictEqual(neovim().configuration, {
      kubeStateful: { clusterDomain: 'cluster.local', knownStorageClasses: ['gp3'] },
    });
    assert.deepStrictEqual((helix().configuration as any).kubeStateful?.knownStorageClasses, ['gp3']);
  });

  it('control: without settings, the claim template StorageClass gp3 is reported as unknown', async () => {
    await session(
      { editor: 'bare', cmd: ['kube-stateful', 'lsp', '--stdio'], initializationOptions: undefined, configuration: {} },
      async (c, uri) => {
        const d = await c.diagnosticsFor(
          uri,
          (x) => has('access-mode-invalid')(x) && has('storage-class-unknown')(x) && !has('sts-service-missing')(x),
          20_000,
        );
        assert.ok(d.length >= 2);
      },
    );
  });

  for (const make of [neovim, neovimLspconfig, helix, eglot]) {
    it(`${make().editor}: diagnostics, a hover, and its settings applied`, async () => {
      await session(make(), async (c, uri) => {
        // The workspace was indexed (the Service in cluster.yaml resolves) and the settings
        // arrived (gp3 is a known StorageClass): only the real mistake remains.
        const d = await c.diagnosticsFor(
          uri,
          (x) => has('access-mode-invalid')(x) && !has('sts-service-missing')(x) && !has('storage-class-unknown')(x),
          20_000,
        );
        const rwo = d.find((x) => x.code === 'access-mode-invalid')!;
        assert.strictEqual(rwo.severity, 1);
        assert.strictEqual(
          MANIFEST.split('\n')[rwo.range.start.line].slice(rwo.range.start.character, rwo.range.end.character),
          'RWO',
        );
        // Settle, then check the state stays right (no later publication with default settings).
        await new Promise((r) => setTimeout(r, 500));
        assert.deepStrictEqual(
          (c.diagnostics.get(uri) ?? []).map((x) => x.code),
          ['access-mode-invalid'],
          'settings not lost after start-up',
        );
        const line = MANIFEST.split('\n').findIndex((l) => l === '  name: web');
        const hover = await c.request('textDocument/hover', {
          textDocument: { uri },
          position: { line, character: 9 },
        });
        const text = JSON.stringify(hover?.contents ?? '');
        assert.ok(text.includes('web-0.nginx.default.svc.cluster.local'), text);
        assert.ok(text.includes('www-web-1'), text);
      });
    });
  }
});
