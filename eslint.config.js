// Lint rules, including the folder borders of docs/DESIGN: who may import whom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const pattern = (group, message) => ({ group, message });
const NO_REACT = pattern(['react', 'react-dom', 'react-dom/*', 'react/*'], 'This folder must not depend on React.');
const NO_YJS = pattern(['yjs', 'y-protocols', 'y-protocols/*', 'y-indexeddb', 'y-websocket'], 'Only src/doc (and src/app for the room) may import Yjs.');
const NO_FLOW = pattern(['@xyflow/react', '@xyflow/system'], 'Only src/canvas may import React Flow.');
const NO_ZUSTAND = pattern(['zustand', 'zustand/*'], 'This folder must not depend on the store.');
const NO_UI = pattern(['**/canvas/**', '**/panels/**', '**/app/**'], 'This folder must not import UI code.');
const NO_SCALE_OUT = pattern(
  ['pg', 'pg/*', 'redis', '@redis/*', '**/store/postgres/**', '**/bus/redis'],
  'Only server/store/postgres, server/bus/redis.ts and their tests use PostgreSQL or Redis; the server loads them on demand (server/scaleOut.ts), so that the embedded default never does.',
);

const border = (files, ...patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'data', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  border(['src/journey/**'], NO_REACT, NO_YJS, NO_FLOW, NO_ZUSTAND, NO_UI,
    pattern(['**/doc/**', '**/store/**', '**/export/**'], 'src/journey is pure domain code.'),
    // A card kind names its messages and icons (types only: the views translate and draw them).
    { ...pattern(['**/i18n/**', '**/views/**'], 'src/journey may name message keys and icons, as types only.'), allowTypeImports: true }),
  border(['src/doc/**'], NO_REACT, NO_FLOW, NO_ZUSTAND, NO_UI),
  // The store builds React Flow's nodes and edges, typed by `@xyflow/system` (React Flow's
  // framework-free core), never by copies: types only, no React Flow code.
  {
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_YJS, pattern(['@xyflow/react'], 'Only src/canvas may import React Flow.'), NO_UI] }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['@xyflow/system'], allowTypeImports: true, message: 'The store may use React Flow types only (import type).' }] }],
    },
  },
  border(['src/canvas/**'], NO_YJS, pattern(['**/app/**'], 'The canvas does not know about routes.')),
  border(['src/panels/**', 'src/export/**'], NO_YJS, NO_FLOW, pattern(['**/app/**', '**/canvas/**'], 'Panels and export do not know about routes or the canvas.')),
  border(['src/i18n/**'], NO_YJS, NO_FLOW, NO_UI),
  border(['src/views/**'], NO_YJS, NO_FLOW, pattern(['**/app/**', '**/canvas/**'], 'Views are shared by the canvas, panels and export: they know neither.')),
  border(['server/**'], NO_REACT, NO_FLOW, NO_ZUSTAND, NO_UI, NO_SCALE_OUT),
  border(
    ['server/store/postgres/**', 'server/bus/redis.ts', 'server/**/*.test.ts', 'server/testing/**', 'server/store/docStoreContract.ts', 'server/bus/busContract.ts', 'server/cluster/**'],
    NO_REACT,
    NO_FLOW,
    NO_ZUSTAND,
    NO_UI,
  ),
);
