import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useT } from '../i18n/i18n';
import type { MenuItem } from '../shell/menu';

/**
 * The business's pages besides the counter. The shell mounts `BusinessRoutes` under
 * /business/*; the counter is /kassa. The pages load when first opened, never with the counter.
 */
export const businessMenu: MenuItem[] = [
  { to: '/business/offers', label: 'business.menu.offers' },
  { to: '/business/sponsorship', label: 'business.menu.sponsorship' },
];

const BusinessOffersPage = lazy(() =>
  import('./BusinessOffersPage').then((module) => ({ default: module.BusinessOffersPage })),
);
const OfferFormPage = lazy(() =>
  import('./OfferFormPage').then((module) => ({ default: module.OfferFormPage })),
);
const SponsorshipPage = lazy(() =>
  import('./SponsorshipPage').then((module) => ({ default: module.SponsorshipPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<p>{t('business.loading')}</p>}>{children}</Suspense>;
}

export function BusinessRoutes() {
  return (
    <Loading>
      <Routes>
        <Route index element={<BusinessOffersPage />} />
        <Route path="offers" element={<BusinessOffersPage />} />
        <Route path="offers/new" element={<OfferFormPage />} />
        <Route path="offers/:offerId" element={<OfferFormPage />} />
        <Route path="sponsorship" element={<SponsorshipPage />} />
      </Routes>
    </Loading>
  );
}
