import { isNullish, items, keyNode, str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { dnsNameErrors, fixTo, invalidMessage, isCoreService, serviceType } from '../support';

export const svcExternalNameInvalid: ResourceRule = {
  code: 'svc-external-name-invalid',
  severity: 'error',
  title: 'ExternalName Service without a valid externalName, or with cluster IP fields',
  source: 'pkg/apis/core/validation ValidateService, case ServiceTypeExternalName (reference N11)',
  docs: `A Service of \`type: ExternalName\` is a DNS alias: \`<svc>.<ns>.svc.<zone>\` answers with a CNAME
to \`spec.externalName\`. So \`externalName\` is required and must be a lower-case DNS name
(a DNS-1123 subdomain, optionally with a trailing \`.\`), not a URL. Such a Service has no cluster
IP, so \`clusterIP\`/\`clusterIPs\`, \`ipFamilies\` and \`ipFamilyPolicy\` are forbidden. The API server
rejects violations: \`spec.externalName: Required value\`,
\`spec.externalName: Invalid value: "https://db.example.com": a lowercase RFC 1123 subdomain must consist of …\`,
\`spec.clusterIPs: Forbidden: may not be set for ExternalName services\`.

**Fix:** set \`externalName\` to the host name only (\`db.example.com\`) and remove the IP fields.`,
  bad: 'spec:\n  type: ExternalName\n  externalName: https://db.example.com/\n  clusterIP: None',
  good: 'spec:\n  type: ExternalName\n  externalName: db.example.com',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res) || serviceType(res) !== 'ExternalName') return;
    const y = ctx.y;
    const spec = res.at('spec');
    const node = res.at('spec', 'externalName');
    const value = str(y, node);
    if (node === undefined || isNullish(y, node) || value?.replace(/\.$/, '') === '') {
      ctx.report(
        value !== undefined ? node : (keyNode(y, spec, 'externalName') ?? keyNode(y, res.root, 'spec')),
        'spec.externalName: Required value. A Service of type ExternalName is a CNAME: set `externalName` to the DNS name it aliases (e.g. db.example.com).',
      );
    } else if (value !== undefined) {
      const cname = value.replace(/\.$/, '');
      const errs = dnsNameErrors(cname, 'subdomain');
      if (errs.length) {
        const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(cname)
          ? cname
              .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
              .replace(/[/:?#].*$/, '')
              .toLowerCase()
          : cname.toLowerCase();
        const ok = host && host !== cname && !dnsNameErrors(host, 'subdomain').length;
        ctx.report(
          node,
          `${invalidMessage('spec.externalName', JSON.stringify(value), errs.join('; '))}. externalName is a host name only (no scheme, port or path)${ok ? `, e.g. \`${host}\`` : ''}.`,
          ok ? fixTo(node, host) : undefined,
        );
      }
    }
    const forbidden = (field: string) =>
      ctx.report(
        keyNode(y, spec, field),
        `spec.${field === 'clusterIP' ? 'clusterIPs' : field}: Forbidden: may not be set for ExternalName services. An ExternalName Service has no cluster IP: remove \`${field}\`.`,
      );
    const ip = str(y, res.at('spec', 'clusterIP'));
    if (ip) forbidden('clusterIP');
    else if (items(y, res.at('spec', 'clusterIPs')).length) forbidden('clusterIPs');
    if (items(y, res.at('spec', 'ipFamilies')).length) forbidden('ipFamilies');
    const pol = res.at('spec', 'ipFamilyPolicy');
    if (pol !== undefined && !isNullish(y, pol)) forbidden('ipFamilyPolicy');
  },
};
