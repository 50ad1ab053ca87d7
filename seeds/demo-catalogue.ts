import type { ServiceLookup } from './load-demo-data.js';

/**
 * Demo data of the catalogue module, loaded after the parties, users and budgets of the Maastricht
 * demo (use demoId(key) for the ids of DEMO_PARTIES). Idempotent: answers how many records it
 * created, 0 on a second run.
 */
export async function loadCatalogueDemo(_services: ServiceLookup): Promise<number> {
  return 0;
}
