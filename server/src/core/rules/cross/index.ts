import type { Rule } from '../types';
import { stsServiceMissing } from './sts-service-missing';

export const CROSS_RULES: Rule[] = [stsServiceMissing];
