import type { Rule } from '../types';
import { kustomizePatchTargetMissing } from './kustomize-patch-target-missing';

export const KUSTOMIZE_RULES: Rule[] = [kustomizePatchTargetMissing];
