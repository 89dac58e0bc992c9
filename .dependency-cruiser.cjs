/**
 * The layering rules of GUIDE.md §2, checked by `pnpm lint` (dependency-cruiser).
 * Type-only imports count too (tsPreCompilationDeps): a type is a dependency of the design.
 * What breaks a rule today and is being moved out is listed in .dependency-cruiser-known-violations.json
 * (`pnpm lint:deps:baseline` rewrites it); anything new fails.
 */
module.exports = {
  forbidden: [
    {
      name: 'pipeline-knows-no-module',
      comment: 'The event pipeline (bus, outbox, relay, log, sequencer, live picture) can be lifted out: it imports no domain module.',
      severity: 'error',
      from: { path: '^server/src/pipeline/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'modules-know-no-transport',
      comment: 'Domain code raises domain errors and contributes routes and handlers; the edge (transport) turns them into HTTP and socket replies.',
      severity: 'error',
      from: { path: '^server/src/modules/' },
      to: { path: '^server/src/transport/' },
    },
    {
      name: 'only-the-root-composes',
      comment: "Each module's factory takes its dependencies; no module or transport reaches for the whole instance (compose.ts) or the app.",
      severity: 'error',
      from: { path: '^server/src/(modules|transport|pipeline)/' },
      to: { path: '^server/src/(compose|app)\\.ts$' },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ runs in the browser and in Node: no Node built-ins, no server or web code.',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-no-app',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'stores-know-no-map',
      comment: 'Feature stores hold records; the map is drawn from them by the views.',
      severity: 'error',
      from: { path: '^web/src/features/.+\\.store\\.ts$' },
      to: { path: '^web/src/map/' },
    },
    {
      name: 'map-layers-read-no-store',
      comment: 'Map layers take features and visibility as props.',
      severity: 'error',
      from: { path: '^web/src/map/layers/' },
      to: { path: '\\.store\\.ts$' },
    },
    {
      name: 'tests-use-no-bench-code',
      severity: 'error',
      from: { path: '^(server|web)/test/' },
      to: { path: '^(server|web)/bench/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|test-artifacts|data)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['lianfang-src', 'import', 'default'], extensions: ['.ts', '.js', '.vue', '.json'] },
    combinedDependencies: false,
  },
};
