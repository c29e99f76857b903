import type { Rule } from '../types';

export const PODSPEC_RULES: Rule[] = [];
