import type { FileRule } from '../types';
import { looksLikeKubernetes } from './detect';

export const helmTemplate: FileRule = {
  code: 'helm-template',
  severity: 'information',
  title: 'Template file not analysed',
  source: 'Helm chart template syntax (Go text/template)',
  docs: `The file contains Go/Helm template syntax (\`{{ … }}\`). Its documents are not valid Kubernetes
YAML until rendered, so kube-stateful does not report syntax errors or rule findings in them, and does not
index them. One information note per file says so.

**Fix:** nothing to fix. To check a chart, render it (\`helm template …\`) and open or lint the output.
Turn this note off with \`"kubeStateful.rules": { "helm-template": "off" }\`.`,
  checkFile(file, report) {
    for (const doc of file.docs) {
      if (!doc.templated || !looksLikeKubernetes(doc.text)) continue;
      const at = doc.text.search(/(?<!\$)\{\{/);
      const close = doc.text.indexOf('}}', at);
      const end = close !== -1 && close - at < 200 ? close + 2 : at + 2;
      report(
        doc,
        at,
        end,
        'Go/Helm template syntax: kube-stateful does not analyse templated documents. Render the chart (helm template) to check it.',
      );
      return;
    }
  },
};
