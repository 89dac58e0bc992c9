// `pnpm lint`: ESLint (typescript-eslint, eslint-plugin-vue) over the whole workspace; formatting is Prettier's job.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'test-artifacts/**', '**/data/**', 'server/bench/scratch/**', 'server/bench/core/.proto/**', 'web/public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // `_name` marks a value destructured away on purpose (e.g. a secret dropped from a record).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Layout is Prettier's: these stylistic template rules would fight it.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
      'vue/first-attribute-linebreak': 'off',
      // Map layers and controls render nothing of their own: they add sources and layers to the map.
      'vue/valid-template-root': 'off',
    },
  },
  // Tests define small throwaway components inline.
  { files: ['web/test/**'], rules: { 'vue/one-component-per-file': 'off' } },
  // k6 scripts run in k6, which provides these.
  { files: ['loadtests/k6/**'], languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly' } } },
);
