import type { Rule } from './types';
import { CROSS_RULES } from './cross';
import { PODSPEC_RULES } from './podspec';
import { SCHEMA_RULES } from './schema';
import { SERVICE_RULES } from './service';
import { STATEFULSET_RULES } from './statefulset';
import { STORAGE_RULES } from './storage';
import { YAML_RULES } from './yaml';
import { DNS_RULES } from './dns';
import { KUSTOMIZE_RULES } from './kustomize';

/** Every rule, as data. Codes are unique and stable. */
export const ALL_RULES: readonly Rule[] = [
  ...YAML_RULES,
  ...STATEFULSET_RULES,
  ...PODSPEC_RULES,
  ...STORAGE_RULES,
  ...SERVICE_RULES,
  ...CROSS_RULES,
  ...DNS_RULES,
  ...SCHEMA_RULES,
  ...KUSTOMIZE_RULES,
];
