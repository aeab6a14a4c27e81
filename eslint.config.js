// ESLint flat config: TypeScript and Vue rules, plus the house rules that keep the layers apart.
// Formatting is Prettier's (npm run lint runs both); nothing here argues about layout.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.bench-tmp/**', 'resources/**', 'shared/domain/regions-data.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, __APP_VERSION__: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      'no-console': 'off',
      // x == null is the one idiom that means null or undefined.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Chinese text uses the ideographic space (U+3000) in strings on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }]
    }
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: {
      // Templates show Chinese text with the ideographic space (U+3000) on purpose.
      'no-irregular-whitespace': 'off',
      'vue/no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipHTMLTextContents: true, skipHTMLAttributeValues: true }]
    }
  },
  // Only the Electron host imports electron (DESIGN.md): the backend must run headless.
  {
    files: ['electron/backend/**/*.ts', 'electron/server/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }] }] }
  },
  // Only the Excel engine imports exceljs.
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,vue}'],
    ignores: ['electron/backend/excel/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload import electron.' },
            { name: 'exceljs', message: 'Only the Excel engine (electron/backend/excel) imports exceljs.' }
          ]
        }
      ]
    }
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'exceljs', message: 'Only the Excel engine imports exceljs.' }] }] }
  },
  // Tests may use any for fixtures built on the fly.
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' }
  }
)
