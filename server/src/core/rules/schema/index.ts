import type { Rule } from '../types';
import { apiVersionRemoved } from './api-version-removed';
import { apiVersionDeprecated } from './api-version-deprecated';
import { crdValueInvalid } from './crd-value-invalid';
import { schemaEnumInvalid } from './schema-enum-invalid';
import { schemaQuantityInvalid } from './schema-quantity-invalid';
import { schemaRequiredMissing } from './schema-required-missing';
import { schemaTypeMismatch } from './schema-type-mismatch';
import { schemaUnknownField } from './schema-unknown-field';
import { WORKLOAD_RULES } from '../workload';

export const SCHEMA_RULES: Rule[] = [
  apiVersionRemoved,
  apiVersionDeprecated,
  schemaUnknownField,
  schemaTypeMismatch,
  schemaEnumInvalid,
  schemaQuantityInvalid,
  schemaRequiredMissing,
  crdValueInvalid,
  ...WORKLOAD_RULES,
];
