// ESLint for the TypeScript sources, with type information (typescript-eslint projectService on
// tsconfig.json). Formatting is Prettier's job (.prettierrc), so no stylistic rules here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SOURCE_ROOT = path.join(ROOT, 'src');

// Domain modules: each is a folder under src/ and may use another only through its public surface.
const DOMAIN_MODULES = [
  'audit',
  'auth',
  'catalogue',
  'ledger',
  'parties',
  'passes',
  'treasury',
  'volunteering',
  'health',
  'startup',
];
// Shared infrastructure that must not depend on any domain module at all.
const INFRASTRUCTURE_FOLDERS = ['common', 'database', 'config'];

// A module's public surface, as paths inside its folder. Kept small on purpose:
// - <module>.module.ts (Nest imports), *.service.ts (modules talk through services),
//   <module>.types.ts, <module>.errors.ts, <module>.error-codes.ts, dto/** (shapes at the edge);
// - <module>.entities.ts: the module's entity list, for the TypeORM registration.
const publicFilePatterns = (moduleName) => [
  new RegExp(`^${moduleName}\\.(module|types|errors|error-codes|entities)\\.ts$`),
  /(^|\/)[^/]+\.service\.ts$/,
  /^dto\//,
];
// Named exceptions, each with its reason:
// - parties/entities/party.entity.ts: Party and PartyKind are named by auth, ledger and
//   volunteering (the party is the one thing every module points at).
const PUBLIC_FILE_EXCEPTIONS = new Set(['parties/entities/party.entity.ts']);

function isPublicSurface(moduleName, pathInModule) {
  if (PUBLIC_FILE_EXCEPTIONS.has(`${moduleName}/${pathInModule}`)) return true;
  return publicFilePatterns(moduleName).some((pattern) => pattern.test(pathInModule));
}

// "src/<folder>/<rest>" of an absolute path, or undefined when it is not inside a src/ folder.
function locateInSource(absolutePath) {
  const relative = path.relative(SOURCE_ROOT, absolutePath).split(path.sep).join('/');
  if (relative.startsWith('..') || !relative.includes('/')) return undefined;
  const [folder, ...rest] = relative.split('/');
  return { folder, pathInFolder: rest.join('/') };
}

const moduleBoundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: "Domain modules import only each other's public surface" },
    schema: [],
    messages: {
      internal:
        "'{{source}}' is internal to the {{target}} module; import its public surface " +
        '(module, *.service, types, errors, error-codes, dto/) instead.',
      infrastructure:
        "src/{{importer}}/ must not import the domain module '{{target}}' ('{{source}}').",
    },
  },
  create(context) {
    const importer = locateInSource(context.filename);
    if (importer === undefined) return {};
    const check = (sourceNode) => {
      if (sourceNode?.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const source = sourceNode.value;
      if (!source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(context.filename), source).replace(/\.js$/, '.ts');
      const target = locateInSource(resolved);
      if (target === undefined || !DOMAIN_MODULES.includes(target.folder)) return;
      if (target.folder === importer.folder) return;
      if (INFRASTRUCTURE_FOLDERS.includes(importer.folder)) {
        context.report({
          node: sourceNode,
          messageId: 'infrastructure',
          data: { importer: importer.folder, target: target.folder, source },
        });
        return;
      }
      if (!isPublicSurface(target.folder, target.pathInFolder)) {
        context.report({
          node: sourceNode,
          messageId: 'internal',
          data: { target: target.folder, source },
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'web/**', 'coverage/**', 'node_modules/**', 'eslint.config.js'] },
  {
    files: ['{src,test,bench,seeds,scripts}/**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
    },
    plugins: { steerkes: { rules: { 'module-boundaries': moduleBoundariesRule } } },
    rules: {
      // The three the issue asks for, as errors.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      'steerkes/module-boundaries': 'error',
      // Off: async methods without await are deliberate where they implement an async interface
      // (sql-executor's SQLite side, test doubles); the rule only reports those.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Tests read supertest's `response.body`, which is `any`: the no-unsafe-* family reported
    // ~590 lines there, every one an assertion on a parsed body. Off in test/ and *.spec.ts only.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
