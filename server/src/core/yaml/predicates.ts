/**
 * The `yaml` package's node predicates, read once. In the esbuild bundle the named imports of a
 * CommonJS package are read through a getter at every call (esbuild's `__toESM`); these
 * predicates run for nearly every node that a rule or the duplicate-key pass looks at, and the
 * getters alone took about 0.35 s of a 1.2 s open of the bench file through LSP. Import them
 * from here, not from 'yaml'.
 */
import * as yaml from 'yaml';

export const isAlias = yaml.isAlias;
export const isMap = yaml.isMap;
export const isPair = yaml.isPair;
export const isScalar = yaml.isScalar;
export const isSeq = yaml.isSeq;

/** Scalar styles (`Scalar.QUOTE_DOUBLE`, …), read once for the same reason. */
export const { BLOCK_FOLDED, BLOCK_LITERAL, PLAIN, QUOTE_DOUBLE, QUOTE_SINGLE } = yaml.Scalar;

/** The node classes, read once for the same reason (code that builds trees constructs many). */
export const ScalarNode = yaml.Scalar;
export const MapNode = yaml.YAMLMap;
export const SeqNode = yaml.YAMLSeq;
export const PairNode = yaml.Pair;

/**
 * The key under which the package keeps a node's type (a registered symbol): for nodes and
 * documents made without the package's constructors (kustomize/built-yaml.ts, yaml/reparse.ts).
 */
export const NODE_TYPE = Symbol.for('yaml.node.type');
