// Generates the bundled Kubernetes schema (server/src/core/schema/k8s-schema.gen.ts) from two
// pinned npm packages (devDependencies), so nothing is fetched at run time:
//   - @kubernetes/client-node: dist/gen/models/*.js (attributeTypeMap: field names, types,
//     formats) and *.d.ts (descriptions, required fields), generated from the Kubernetes
//     OpenAPI of the release named in their header;
//   - kubernetes-models: group/version/Kind.js (apiVersion and kind of every top-level type)
//     and _schemas/*.js (compiled validators: enum lists and which fields are quantities).
// Run with `npm run schema`; the output is committed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cnPkg = path.dirname(require.resolve('@kubernetes/client-node/package.json', { paths: [root] }));
const kmPkg = path.join(root, 'node_modules', 'kubernetes-models');
const cnModels = path.join(cnPkg, 'dist', 'gen', 'models');
const out = path.join(root, 'server', 'src', 'core', 'schema', 'k8s-schema.gen.ts');

const cnVersion = JSON.parse(fs.readFileSync(path.join(cnPkg, 'package.json'), 'utf8')).version;
const kmVersion = JSON.parse(fs.readFileSync(path.join(kmPkg, 'package.json'), 'utf8')).version;

/** Descriptions are trimmed to their first sentence(s), at most this many characters. */
const MAX_DESC = 160;

function firstSentence(text) {
  let t = text.replace(/\\(['"])/g, '$1').replace(/\s+/g, ' ').trim();
  t = t.replace(/\s*More info: \S+/g, '').trim();
  // Abbreviations do not end a sentence.
  t = t.replace(/\b(e\.g|i\.e|Ex|etc|vs)\./g, '$1\u2024');
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(t);
  if (m) t = m[1];
  if (t.length > MAX_DESC) t = t.slice(0, MAX_DESC - 1).replace(/\s+\S*$/, '') + '…';
  return t.replace(/\u2024/g, '.');
}

// ---- client-node: types, descriptions, required fields ----
const releases = new Map(); // OpenAPI release named in a model's header -> count
const cn = new Map(); // name -> { desc, props: [{name, type, format, desc, required}] }
for (const f of fs.readdirSync(cnModels)) {
  if (!f.endsWith('.js')) continue;
  const name = f.slice(0, -3);
  const js = fs.readFileSync(path.join(cnModels, f), 'utf8');
  const rel = /OpenAPI spec version: (\S+)/.exec(js);
  if (rel) releases.set(rel[1], (releases.get(rel[1]) ?? 0) + 1);
  const tm = /\.attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  if (!tm) continue;
  const attrs = JSON.parse(tm[1]);
  const dts = fs.readFileSync(path.join(cnModels, name + '.d.ts'), 'utf8');
  const classDesc = /\/\*\*\n\* ([\s\S]*?)\n\*\/\nexport declare class/.exec(dts);
  const fieldInfo = new Map();
  const re = /(?:\/\*\*\n {4}\* ([\s\S]*?)\n {4}\*\/\n)? {4}'([^']+)'(\??):/g;
  let m;
  while ((m = re.exec(dts))) fieldInfo.set(m[2], { desc: m[1] ? firstSentence(m[1]) : '', required: m[3] !== '?' });
  cn.set(name, {
    release: rel?.[1],
    desc: classDesc ? firstSentence(classDesc[1]) : '',
    props: attrs.map((a) => ({ name: a.baseName, type: a.type, format: a.format, ...(fieldInfo.get(a.name) ?? { desc: '', required: false }) })),
  });
}

// The package's release: the one most model headers name (a few files are left over from older
// generations, e.g. resource.k8s.io/v1alpha2 models of release 1.30).
const k8sRelease = [...releases.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';

// ---- kubernetes-models: validators (enums, quantities) ----
const KM_NAME = /^IoK8s(?:Api|ApiextensionsApiserverPkgApis|KubeAggregatorPkgApis)(\w+?)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/;
function cnNameFor(kmName) {
  const m = KM_NAME.exec(kmName);
  if (!m) return undefined;
  const [, group, version, rest] = m;
  // The group-qualified name first: client-node qualifies names that two groups share
  // (CoreV1ResourceClaim, the pod's claim entry, vs ResourceV1ResourceClaim, the kind), and its
  // unqualified V1ResourceClaim is the core one.
  for (const cand of [`${group}${version}${rest}`, `${version}${rest}`]) {
    if (cn.has(cand)) return cand;
  }
  return undefined;
}

function splitFunctions(js) {
  const fns = new Map();
  const imports = new Map(); // validateN -> imported schema file base name
  for (const m of js.matchAll(/import\{validate as (validate\d+)\}from"([^"]+)"/g)) imports.set(m[1], path.basename(m[2]).replace(/\.js$/, ''));
  const starts = [...js.matchAll(/(?:let (schema\d+_enum)=(\[[^\]]*\]);)?function (validate\d+)\(data/g)];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : js.length;
    fns.set(m[3], { body: js.slice(m.index, end), enumList: m[2] ? JSON.parse(m[2]) : undefined });
  });
  const top = /export const validate=(validate\d+)/.exec(js);
  return { fns, imports, top: top?.[1] };
}

/** What a validator function checks: an enum, a quantity, or items/values of one. */
function describe(fnName, ctx, depth = 0) {
  if (depth > 4) return {};
  const imp = ctx.imports.get(fnName);
  if (imp) return imp === 'IoK8sApimachineryPkgApiResourceQuantity' ? { quantity: true } : {};
  const fn = ctx.fns.get(fnName);
  if (!fn) return {};
  if (fn.enumList) return { enum: fn.enumList.filter((v) => typeof v === 'string') };
  const loopArr = /for\(let i0=0;i0<len0;i0\+\+\)(validate\d+)\(/.exec(fn.body);
  if (loopArr) return { items: describe(loopArr[1], ctx, depth + 1) };
  const loopMap = /for\((?:let|const) key0 in data\)(validate\d+)\(data\[key0\]/.exec(fn.body);
  if (loopMap) return { values: describe(loopMap[1], ctx, depth + 1) };
  const calls = [...fn.body.matchAll(/return (?:null!==data&&\()?(validate\d+)\(data,/g)];
  if (calls.length === 1) return describe(calls[0][1], ctx, depth + 1);
  return {};
}

const kmSchemas = path.join(kmPkg, '_schemas');
const extra = new Map(); // cnName -> Map(field -> { enum?, quantity? })
for (const f of fs.readdirSync(kmSchemas)) {
  if (!f.endsWith('.js')) continue;
  const cnName = cnNameFor(f.slice(0, -3));
  if (!cnName) continue;
  const ctx = splitFunctions(fs.readFileSync(path.join(kmSchemas, f), 'utf8'));
  const top = ctx.fns.get(ctx.top);
  if (!top) continue;
  const fields = new Map();
  for (const m of top.body.matchAll(/void 0!==data(?:\.(\w+)|\["([^"]+)"\])&&\((validate\d+)\(/g)) {
    const d = describe(m[3], ctx);
    const flat = d.items ?? d.values ?? d;
    const info = {};
    if (flat.enum?.length) info.enum = flat.enum;
    if (flat.quantity) info.quantity = true;
    if (info.enum || info.quantity) fields.set(m[1] ?? m[2], info);
  }
  if (fields.size) extra.set(cnName, fields);
}

// ---- apiVersion/kind of every top-level type ----
const kinds = {}; // apiVersion -> kind -> cnName
const known = {}; // apiVersion -> [kinds] for versions that client-node no longer has (removed APIs)
function walkKm(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '_schemas' && e.name !== 'node_modules') walkKm(p);
      continue;
    }
    if (!e.name.endsWith('.js')) continue;
    const js = fs.readFileSync(p, 'utf8');
    const av = /this\.apiVersion="([^"]+)"/.exec(js);
    const k = /this\.kind="([^"]+)"/.exec(js);
    const s = /_schemas\/(\w+)\.js/.exec(js);
    if (!av || !k || !s || k[1].endsWith('List')) continue;
    const cnName = cnNameFor(s[1]);
    const attrs = cnName ? cn.get(cnName).props.map((p) => p.name) : [];
    if (cnName && attrs.includes('kind') && attrs.includes('apiVersion')) (kinds[av[1]] ??= {})[k[1]] = cnName;
    else (known[av[1]] ??= []).push(k[1]);
  }
}
walkKm(kmPkg);

// ---- alpha and beta versions: kubernetes-models carries only the stable ones ----
// client-node's API classes name each group/version's REST paths and the models they return;
// a model of the package's release with apiVersion and kind is the kind of that group/version
// (e.g. storage.k8s.io/v1beta1 VolumeAttributesClass). Models left over from older releases are
// skipped: those versions are no longer served.
const cnApis = path.join(cnPkg, 'dist', 'gen', 'apis');
for (const f of fs.readdirSync(cnApis).sort()) {
  if (!/V\d+(?:alpha|beta)\d+Api\.js$/.test(f)) continue;
  const js = fs.readFileSync(path.join(cnApis, f), 'utf8');
  const gv = /'\/apis\/([a-z0-9.-]+)\/(v\d+(?:alpha|beta)\d+)\//.exec(js);
  if (!gv) continue;
  const apiVersion = `${gv[1]}/${gv[2]}`;
  const version = gv[2].charAt(0).toUpperCase() + gv[2].slice(1);
  for (const m of new Set([...js.matchAll(/"([A-Z][A-Za-z0-9]*)"/g)].map((x) => x[1]))) {
    const t = cn.get(m);
    const i = m.indexOf(version);
    if (!t || i < 0 || t.release !== k8sRelease || m.endsWith('List')) continue;
    const attrs = t.props.map((p) => p.name);
    if (!attrs.includes('kind') || !attrs.includes('apiVersion')) continue;
    const kind = m.slice(i + version.length);
    if (kinds[apiVersion]?.[kind]) continue;
    (kinds[apiVersion] ??= {})[kind] = m;
    if (known[apiVersion]) known[apiVersion] = known[apiVersion].filter((k) => k !== kind);
  }
}

// ---- compact encoding ----
// A field type: i integer, n number, s string, b boolean, io int-or-string, q quantity,
// t date-time string, y base64 string, a anything, [X] list of X, {X} map of X, or a type name.
function encType(type, format, q) {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return '[' + encType(arr[1], format, q) + ']';
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return '{' + encType(map[1], format, q) + '}';
  if (q && type === 'string') return 'q';
  switch (type) {
    case 'string':
      return format === 'byte' ? 'y' : 's';
    case 'number':
      return format === 'int32' || format === 'int64' ? 'i' : 'n';
    case 'boolean':
      return 'b';
    case 'IntOrString':
      return 'io';
    case 'Date':
    case 'V1MicroTime':
      return 't';
    case 'any':
      return 'a';
    default:
      if (!cn.has(type)) {
        console.warn(`unknown type ${type}: accepted as anything`);
        return 'a';
      }
      return type;
  }
}

// Only types reachable from a top-level kind are kept.
const used = new Set();
const queue = Object.values(kinds).flatMap((m) => Object.values(m));
while (queue.length) {
  const n = queue.pop();
  if (used.has(n)) continue;
  used.add(n);
  for (const p of cn.get(n).props) {
    const base = p.type.replace(/^Array<(.+)>$/, '$1').replace(/^\{ \[key: string\]: (.+); \}$/, '$1').replace(/^Array<(.+)>$/, '$1');
    if (cn.has(base)) queue.push(base);
  }
}

const types = {};
for (const n of [...used].sort()) {
  const t = cn.get(n);
  const ex = extra.get(n);
  const props = {};
  for (const p of t.props) {
    const x = ex?.get(p.name);
    const f = [encType(p.type, p.format, !!x?.quantity), p.desc];
    if (p.required) f[2] = 1;
    if (x?.enum && p.name !== 'apiVersion' && p.name !== 'kind') f[3] = x.enum;
    props[p.name] = f;
  }
  types[n] = { d: t.desc, p: props };
}

const data = {
  kubernetes: k8sRelease.replace(/^release-/, ''),
  sources: `@kubernetes/client-node@${cnVersion} (OpenAPI ${k8sRelease}), kubernetes-models@${kmVersion}`,
  kinds,
  known,
  types,
};
const json = JSON.stringify(data);
const text =
  `// Generated by scripts/gen-schema.mjs from ${data.sources}. Do not edit.\n` +
    `// Kubernetes ${data.kubernetes}: ${Object.keys(kinds).length} apiVersions, ${used.size} types.\n` +
    `export const K8S_SCHEMA_JSON = ${JSON.stringify(json)};\n`;
if (process.argv.includes('--check')) {
  // Used by the unit tests: the committed file must be what the pinned packages generate.
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error(`${path.relative(root, out)} is stale: run npm run schema`);
    process.exit(1);
  }
  console.log(`${path.relative(root, out)} is up to date`);
  process.exit(0);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, text);
console.log(`wrote ${path.relative(root, out)}: ${(json.length / 1024).toFixed(0)} KiB, Kubernetes ${data.kubernetes}, ${used.size} types, ${Object.values(kinds).reduce((a, m) => a + Object.keys(m).length, 0)} kinds, enum fields ${[...extra.values()].reduce((a, m) => a + [...m.values()].filter((x) => x.enum).length, 0)}`);
