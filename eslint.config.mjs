// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources.
// Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Unused names are compile errors already (tsconfig noUnusedLocals); `_`-prefixed arguments are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import x = require('…')` is TypeScript's CommonJS import.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'prefer-const': ['error', { destructuring: 'all' }],
      // Regexes over YAML spell indentation out as it is written.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests may assign inside a polling condition.
    files: ['test/**/*.ts'],
    rules: { 'no-cond-assign': 'off' },
  },
  {
    // JSON-RPC payloads over the wire are untyped.
    files: ['test/support/**/*.ts', 'test/unit/lsp*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
