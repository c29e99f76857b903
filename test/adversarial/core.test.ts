/**
 * Hostile text for the core: line breaks the parser and positions must agree on, BOMs,
 * encodings, names that try to break out of hover markdown, and names of megabytes.
 */
import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { fitValue, HOVER_BUDGET, RESPONSE_BUDGET } from '../../server/src/core/budget';
import { identitiesFor } from '../../server/src/core/commands';
import { toLspRange } from '../../server/src/core/convert';
import { hoverAt } from '../../server/src/core/hover';
import { code } from '../../server/src/core/hover/md';
import { Workspace } from '../../server/src/core/model/workspace';
import { buildTree } from '../../server/src/core/tree';
import { decodeYaml } from '../../server/src/host/files';

const STS = (name: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx
`;
const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector: {app: web}
  ports:
  - port: 80
`;

function findings(text: string, uri = 'file:///t.yaml') {
  const ws = new Workspace();
  ws.setOpenFile(uri, text);
  const file = ws.file(uri)!;
  return new Analyzer(ws).fileFindings(uri).map((f) => ({ code: f.code, line: toLspRange(file, f.span).start.line }));
}

/** The parts of a markdown text outside code spans (CommonMark: a run of n backticks closes only with n). */
function outsideCode(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = i + n;
    let close = -1;
    while ((j = md.indexOf(fence, j)) !== -1) {
      if (md[j + n] !== '`' && md[j - 1] !== '`') {
        close = j;
        break;
      }
      while (md[j] === '`') j++;
    }
    if (close === -1) {
      out += fence;
      i += n;
    } else i = close + n;
  }
  return out;
}

describe('adversarial: line breaks, BOMs and encodings (core)', () => {
  const both = STS('web') + '---\n' + SVC;
  const variants: [string, string][] = [
    [
      'lone CR line breaks inside a document (positions agree with the parser)',
      STS('web').replace(/\n/g, '\r') + '---\n' + SVC,
    ],
    [
      'mixed CR, LF and CR LF, document markers on LF',
      STS('web').replace(/\n/g, (_m, i: number) => ['\r', '\n', '\r\n'][i % 3]) +
        '---\r\n' +
        SVC.replace(/\n/g, (_m, i: number) => ['\r', '\n', '\r\n'][i % 3]),
    ],
    ['a BOM at the start of the file', '\ufeff' + both],
    ['a BOM at the start of a later document (kubectl skips it)', STS('web') + '---\n\ufeff' + SVC],
    [
      'a BOM after a later CR LF document marker',
      (STS('web') + '---\n').replace(/\n/g, '\r\n') + '\ufeff' + SVC.replace(/\n/g, '\r\n'),
    ],
  ];
  for (const [what, text] of variants) {
    it(`${what}: no false findings`, () => {
      assert.deepStrictEqual(findings(text), []);
    });
  }

  it('with lone CRs, a real error is still found, on the line LSP counts', () => {
    const text = 'apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: x\rdata:\r  a: "1"\r  a: "2"\r';
    assert.deepStrictEqual(findings(text), [{ code: 'yaml-duplicate-key', line: 6 }]);
  });

  it('a --- line ending in a lone CR is an error on the marker: kubectl does not split there', () => {
    // kubectl reads lines up to LF: with CRs only it applies the first document alone; a "---"
    // followed by CR and more text is "invalid Yaml document separator".
    for (const text of [both.replace(/\n/g, '\r'), STS('web') + '---\r' + SVC, STS('web') + '---  \rkind: x\n' + SVC]) {
      const f = findings(text);
      assert.deepStrictEqual(
        f.filter((x) => x.code === 'yaml-syntax'),
        [{ code: 'yaml-syntax', line: 16 }],
        JSON.stringify(text),
      );
    }
  });

  it('a BOM in front of a later --- is an error, as in kubectl', () => {
    const text = STS('web') + '\ufeff---\n' + SVC;
    assert.ok(findings(text).some((f) => f.code === 'yaml-syntax'));
  });

  it('decodes UTF-16 with a BOM (both byte orders); reports UTF-32 as kubectl rejects it', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(both, 'utf16le')]);
    assert.deepStrictEqual(decodeYaml(le), { ok: true, text: both });
    const be = Buffer.from(both, 'utf16le');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    assert.deepStrictEqual(decodeYaml(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { ok: true, text: both });
    const r = decodeYaml(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]));
    assert.strictEqual(r.ok, false);
    // Without a BOM kubectl does not convert UTF-16 and rejects its NULs: reported, not passed.
    for (const noBom of [Buffer.from(both, 'utf16le'), Buffer.from(both, 'utf16le').subarray(1)]) {
      const x = decodeYaml(noBom);
      assert.ok(!x.ok && /UTF-16.*byte order mark/.test(x.reason), JSON.stringify(x));
    }
    assert.deepStrictEqual(decodeYaml(Buffer.from('a: 1\n')), { ok: true, text: 'a: 1\n' });
  });
});

describe('adversarial: hover markdown and output size (core)', () => {
  it('code spans survive any backtick run, so a name cannot render a link', () => {
    for (const s of ['a`b', '``', 'a``[click me](https://evil.example/x)``b', '`x`', '```', 'a\n\n# h']) {
      const md = code(s);
      assert.doesNotMatch(outsideCode(md), /[^\s]/, `${JSON.stringify(s)} → ${md}`);
    }
  });

  it('a hostile name in a hover stays inside code spans', () => {
    const evil = 'a``[click me](https://evil.example/x)``b';
    const ws = new Workspace();
    const text = STS(JSON.stringify(evil)).replace('serviceName: web', `serviceName: ${JSON.stringify(evil)}`);
    ws.setOpenFile('file:///e.yaml', text);
    const h = hoverAt(new Analyzer(ws), 'file:///e.yaml', text.indexOf('name: ') + 7);
    assert.ok(h, 'hover');
    assert.ok(h.markdown.includes('click me'), 'the name is shown');
    assert.doesNotMatch(outsideCode(h.markdown), /\]\(https:\/\/evil/);
  });

  it('a name of megabytes: hover, tree and identities stay within their budgets', () => {
    const huge = 'a'.repeat(1_000_000);
    const ws = new Workspace();
    ws.setSettings({ ...ws.settings, maxFileSize: 10_000_000 });
    const text = STS(huge).replace('serviceName: web', `serviceName: ${huge}`);
    ws.setOpenFile('file:///h.yaml', text);
    const analyzer = new Analyzer(ws);
    const h = hoverAt(analyzer, 'file:///h.yaml', text.indexOf('name: ') + 7);
    assert.ok(h && h.markdown.length <= HOVER_BUDGET + 100, `hover of ${h?.markdown.length}`);
    assert.ok(JSON.stringify(fitValue(buildTree(analyzer))).length <= RESPONSE_BUDGET * 1.1);
    assert.ok(JSON.stringify(fitValue(identitiesFor(analyzer, 'file:///h.yaml'))).length < 100_000);
  });
});
