import { DEMO_LISTINGS } from '../../seeds/demo-catalogue.js';
import { loadDemoData } from '../../seeds/load-demo-data.js';
import { ListingsService } from '../../src/catalogue/listings.service.js';
import type { AuthenticatedUser } from '../../src/common/http/request-context.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

describe('the demo catalogue', () => {
  let context: TestContext;
  const treasurer: AuthenticatedUser = {
    id: '00000000-0000-4000-8000-000000000042',
    email: 'treasurer@steerkes.test',
    role: 'treasurer',
    partyId: null,
  };

  beforeAll(async () => {
    context = await createTestContext({ demoData: false });
    await loadDemoData(context.app, { history: false }); // the present; demo-history.integration.spec.ts has the past
  });
  afterAll(() => context.close());

  it('offers rooms, materials and administration in each of the four districts', async () => {
    const page = await context.app.get(ListingsService).search(treasurer, { limit: 100 });
    expect(page.items).toHaveLength(DEMO_LISTINGS.length);
    for (const district of ['noord-west', 'noord-oost', 'zuid-west-centrum', 'zuid-oost']) {
      expect(
        page.items.filter((listing) => listing.district === district).length,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(page.items.map((listing) => listing.category))).toEqual(
      new Set(['room', 'materials', 'administration']),
    );
    expect(
      page.items.every(
        (listing) =>
          listing.titleNl && listing.titleEn && listing.descriptionNl && listing.descriptionEn,
      ),
    ).toBe(true);
  });

  it('creates no listing on a second load', async () => {
    const report = await loadDemoData(context.app, { history: false });
    expect(report.recordsCreated).toBe(0);
    expect(
      (await context.app.get(ListingsService).search(treasurer, { limit: 100 })).items,
    ).toHaveLength(DEMO_LISTINGS.length);
  });
});
