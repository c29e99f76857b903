import type { Rule } from '../types';

export const SERVICE_RULES: Rule[] = [];
