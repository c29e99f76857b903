/**
 * What rules share: typed reads (`read`), the standard messages in kubectl's words
 * (`messages`), quote-keeping quick fixes (`fixes`), the checks built from them (`checks`), and
 * the Service spec reader (`service`).
 */
export * from './read';
export * from './messages';
export * from './fixes';
export * from './checks';
export * from './service';
export * from './pod-volumes';
export * from './claims';
