/**
 * Kubernetes resource quantities (apimachinery pkg/api/resource/quantity.go).
 * Grammar: <signedNumber><suffix>, suffix ∈ Ki Mi Gi Ti Pi Ei | m "" k M G T P E | e<n>/E<n>.
 */
const QUANTITY =
  /^([+-]?)((?:[0-9]+(?:\.[0-9]*)?)|(?:\.[0-9]+))((?:[KMGTPE]i)|[mkMGTPE]|(?:[eE][+-]?(?:(?:[0-9]+(?:\.[0-9]*)?)|(?:\.[0-9]+))))?$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export interface Quantity {
  /** Value in base units (bytes for storage); a float, exact enough for comparisons. */
  value: number;
  text: string;
}

/** Parse a quantity written as a YAML string or number. */
export function parseQuantity(input: string | number): Quantity | undefined {
  const text = typeof input === 'number' ? String(input) : input;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const num = Number(m[2]);
  const suffix = m[3] ?? '';
  let mult: number;
  if (suffix in BINARY) mult = BINARY[suffix];
  else if (suffix in DECIMAL) mult = DECIMAL[suffix];
  else mult = 10 ** Number(suffix.slice(1));
  const value = sign * num * mult;
  if (!Number.isFinite(value)) return undefined;
  return { value, text };
}

/**
 * For an invalid quantity, a corrected spelling to suggest (e.g. `10GB` -> `10Gi`, `10G`),
 * best first; empty when nothing plausible.
 */
export function suggestQuantity(text: string): string[] {
  const t = text.trim().replace(/\s+/g, '');
  const m = /^([+-]?[0-9]*\.?[0-9]+)([A-Za-z]*)$/.exec(t);
  if (!m) return [];
  const [, n, unit] = m;
  const u = unit.toLowerCase();
  const letter = u.charAt(0);
  const map: Record<string, string> = { k: 'K', m: 'M', g: 'G', t: 'T', p: 'P', e: 'E' };
  if (!(letter in map)) return [];
  const L = map[letter];
  const binary = `${n}${L}i`;
  const decimal = `${n}${L === 'K' ? 'k' : L}`;
  const out = /^[kmgtpe](ib?|b)?$/.test(u) ? [binary, decimal] : [];
  return out.filter((s) => s !== text && parseQuantity(s));
}

/** Format a byte count for people: binary units where exact, else decimal. */
export function formatBytes(bytes: number): string {
  for (const [s, v] of Object.entries(BINARY).reverse()) if (bytes >= v && bytes % v === 0) return `${bytes / v}${s}`;
  return String(bytes);
}

/** The Go parser's pre-split regex, quoted in its decode error. */
const QUANTITY_SPLIT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/**
 * The API server's decode error for text that is not a quantity (resource.ParseQuantity,
 * after the JSON decoder trims spaces), or undefined when it is valid.
 */
export function quantityError(text: string): string | undefined {
  const t = text.trim();
  if (parseQuantity(t)) return undefined;
  const m = QUANTITY_SPLIT.exec(t);
  if (!m) return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) return 'unable to parse numeric part of quantity';
  return "unable to parse quantity's suffix";
}

/**
 * Whether a valid quantity is a whole number of base units (bytes), computed exactly
 * (`1.1k` is 1100, `1500m` is 1.5). Undefined when the text is not a quantity.
 */
export function isWholeQuantity(text: string): boolean | undefined {
  const t = text.trim();
  const m = QUANTITY.exec(t);
  if (!m) return undefined;
  const [intPart, frac = ''] = m[2].split('.');
  let mant = BigInt((intPart || '0') + frac);
  let exp10 = -frac.length;
  const suffix = m[3] ?? '';
  if (suffix in BINARY) mant *= BigInt(BINARY[suffix]);
  else if (suffix in DECIMAL) exp10 += Math.round(Math.log10(DECIMAL[suffix]));
  else {
    const e = Number(suffix.slice(1));
    if (!Number.isInteger(e)) return Number.isInteger(parseQuantity(t)?.value ?? NaN);
    exp10 += e;
  }
  if (mant === 0n || exp10 >= 0) return true;
  if (exp10 < -400) return false;
  return mant % 10n ** BigInt(-exp10) === 0n;
}
