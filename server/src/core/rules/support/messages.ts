/**
 * The standard messages for the mistakes many rules find, in kubectl's words
 * (`<field>: Unsupported value: …`, `<field>: Invalid value: …`), each followed by what to do.
 * Field paths and values are inline code; rules add what is specific to them.
 */
import { dns1035Label, dns1123Label, dns1123Subdomain } from '../../k8s/names';
import { supportedValues } from '../../k8s/suggest';

const code = (s: string) => (s === '' ? '`""`' : `\`${s}\``);

/** kubectl's field.NotSupported: `` `field`: Unsupported value: "x": supported values: "A", "B" ``. */
export function unsupportedMessage(field: string, shownValue: string, allowed: readonly string[]): string {
  return `${code(field)}: Unsupported value: ${shownValue}: supported values: ${supportedValues(allowed)}`;
}

/** kubectl's field.Invalid: `` `field`: Invalid value: "x": detail ``. */
export function invalidMessage(field: string, shownValue: string, detail: string): string {
  return `${code(field)}: Invalid value: ${shownValue}: ${detail}`;
}

/** What to write instead of an unsupported value: the near one, else the supported list. */
export function enumAdvice(suggestion: string | undefined, allowed: readonly string[]): string {
  return suggestion ? `Did you mean ${code(suggestion)}?` : `Use one of ${allowed.map(code).join(', ')}.`;
}

export type DnsNameRule = 'label' | 'subdomain' | 'dns1035';

const DNS_RULES: Record<DnsNameRule, { errors: (v: string) => string[]; advice: string }> = {
  label: {
    errors: dns1123Label,
    advice: "Use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
  },
  subdomain: {
    errors: dns1123Subdomain,
    advice: "Use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
  },
  dns1035: {
    errors: dns1035Label,
    advice:
      "Use at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
  },
};

/** The API's errors for `v` as a DNS-1123 label, a DNS-1123 subdomain or a DNS-1035 label (none = valid). */
export function dnsNameErrors(v: string, rule: DnsNameRule): string[] {
  return DNS_RULES[rule].errors(v);
}

/**
 * An invalid DNS name, in kubectl's words, then how to write one (with the suggested name).
 * `errs` are the API's errors (dnsNameErrors); `note` goes between the two (what happens).
 */
export function dnsNameMessage(
  field: string,
  v: string,
  rule: DnsNameRule,
  errs: string[],
  fixed?: string,
  note = '',
): string {
  return `${invalidMessage(field, JSON.stringify(v), errs.join('; '))}.${note ? ' ' + note : ''} ${DNS_RULES[rule].advice}${fixed ? `, e.g. ${code(fixed)}` : ''}.`;
}

/** A number or boolean where the API expects a string: the decoder rejects the object. */
export function notStringMessage(what: string, text: string, kind: string, where = ''): string {
  return `${what} ${text}${where} is a YAML ${kind}, not a string; the API rejects the object (cannot unmarshal ${kind} into a string). Quote it: ${JSON.stringify(text)}.`;
}

/** A string, boolean or fraction where the API expects an integer: the decoder rejects the object. */
export function notIntegerMessage(
  field: string,
  shownValue: string,
  kind: 'string' | 'boolean' | 'number',
  intText?: string,
): string {
  const what =
    kind === 'number' ? `${shownValue}, which is not an integer` : `the ${kind} ${shownValue}, not an integer`;
  const fix =
    intText !== undefined
      ? `Write ${intText} without quotes.`
      : kind === 'string'
        ? 'Use a whole number without quotes.'
        : 'Use a whole number.';
  return `${code(field)} is ${what}; the API rejects the object. ${fix}`;
}
