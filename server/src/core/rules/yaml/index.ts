import type { Rule } from '../types';
import { fileTooLarge } from './file-too-large';
import { helmTemplate } from './helm-template';
import { yamlDuplicateKey } from './yaml-duplicate-key';
import { yamlSyntax } from './yaml-syntax';

export const YAML_RULES: Rule[] = [yamlSyntax, yamlDuplicateKey, fileTooLarge, helmTemplate];
