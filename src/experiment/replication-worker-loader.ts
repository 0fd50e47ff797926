import { fileURLToPath } from 'node:url';
import { loadCodeCachedModule } from '../code-cached-module.js';

/**
 * What a worker thread starts on where the build bundled the worker (scripts/bundle.mjs): the bundle, compiled with
 * the code cache the build made of it, its dynamic imports (a plug-in policy) made from here.
 */
loadCodeCachedModule(fileURLToPath(new URL('./replication-worker.bundle.cjs', import.meta.url)), (specifier) => import(specifier));
