// The package version, for results and manifests written where package.json cannot be read
// (browsers, Web Workers). tests/package.test.ts checks it equals package.json's.
export const VERSION = '0.1.0'
