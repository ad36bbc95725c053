// The project's lint rules (loaded by the root eslint.config.js; run by `npm run lint`):
// typescript-eslint's recommended rules, the rules of hooks, and the one layering rule that
// keeps src/core pure (STYLE.md habit 1: core imports nothing from ui, map, io or workers).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'tools/lint/node_modules/**',
      'public/**',
      'test-results/**',
      'out/**',
      '.cache/**',
      'test/fixtures/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    rules: {
      // `_name` marks a value deliberately left unused (a destructured field dropped on purpose).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // React lives in the UI only (src/core has a typed-array `use()` that is no hook).
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    // The plugin's recommended set — the rules of hooks and the React Compiler's checks (refs
    // read in render, setState in an effect, purity, immutability …) — all as errors, plus state
    // derived in an effect. (The compiler skips a function it cannot compile yet, e.g. a
    // try/finally in a component: keep such code in plain functions outside the component.)
    rules: {
      ...Object.fromEntries(Object.keys(reactHooks.configs['recommended-latest'].rules).map((r) => [r, 'error'])),
      'react-hooks/no-deriving-state-in-effects': 'error',
    },
  },
  // src/core imports nothing outside src/core (relative paths that climb out of it, by depth),
  // nor React, maplibre or Comlink.
  ...[1, 2, 3].map((depth) => ({
    files: [`src/core/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}|^(react|react-dom|maplibre-gl|comlink)(/|$)`,
              message:
                'src/core is pure TypeScript: it imports nothing from ui, map, io, workers, analysis or cli (nor React, maplibre or Comlink).',
            },
          ],
        },
      ],
    },
  })),
);
