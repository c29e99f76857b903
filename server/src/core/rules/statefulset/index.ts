import type { Rule } from '../types';
import { stsSelectorMismatch } from './sts-selector-mismatch';

export const STATEFULSET_RULES: Rule[] = [stsSelectorMismatch];
