// ESLint's flat config. The rules and their plugins live with their own install in tools/lint
// (typescript-eslint needs a TypeScript with the JS API; the project's tsc is the native 7).
export { default } from './tools/lint/eslint.config.js';
