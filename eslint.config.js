// House rules as lint rules: the layers of design.md import one way only.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

// Exact module names go to `paths` (a gitignore-style pattern 'echarts' would also match 'echarts/core').
const restrict = (names, patterns, message) => ['error', {
  paths: names.map((name) => ({ name, message })),
  patterns: patterns.length ? [{ group: patterns, message }] : [],
}]

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'coverage/**', 'test-results/**', 'node_modules/**', '.bench/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-restricted-imports': restrict(['echarts'], [], 'Import from echarts/core and register parts with use([...]) in src/charts/echartsSetup.ts.'),
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['vue', 'pinia', 'dexie', 'echarts', 'vue-echarts', 'vue-router'], ['vue/*', 'dexie/*', 'echarts/*', '@/*', '../../*'],
        'src/domain is pure TypeScript: it imports nothing outside src/domain.'),
    },
  },
  {
    // two folders down (src/domain/import/mhlw), '../../' is still the domain: one more level leaves it
    files: ['src/domain/*/*/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['vue', 'pinia', 'dexie', 'echarts', 'vue-echarts', 'vue-router'], ['vue/*', 'dexie/*', 'echarts/*', '@/*', '../../../*'],
        'src/domain is pure TypeScript: it imports nothing outside src/domain.'),
    },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    ignores: ['src/db/**', 'src/domain/**'],
    rules: {
      'no-restricted-imports': restrict(['dexie', 'echarts'], ['dexie/*'], 'Only src/db imports dexie; ECharts comes from echarts/core.'),
    },
  },
  {
    files: ['src/charts/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['vue', 'pinia', 'dexie', 'echarts', 'vue-echarts', '@/db'], ['@/stores/*', '@/db/*'],
        'Chart option builders are pure functions of domain values.'),
    },
  },
)
