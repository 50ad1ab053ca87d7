import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useT } from '../i18n/i18n';
import type { MenuItem } from '../shell/menu';

/**
 * The admin's pages. The shell shows `AdminHome` (the parties) at / for an admin and mounts
 * `AdminRoutes` under /admin/*. Every page loads when first opened.
 */
export const adminMenu: MenuItem[] = [
  { to: '/', label: 'admin.menu.parties' },
  { to: '/admin/users', label: 'admin.menu.users' },
  { to: '/admin/credit-limits', label: 'admin.menu.creditLimits' },
  { to: '/admin/settings', label: 'admin.menu.settings' },
  { to: '/admin/audit', label: 'treasurer.menu.audit' },
  { to: '/admin/reports', label: 'treasurer.menu.reports' },
];

const PartiesPage = lazy(() =>
  import('./PartiesPage').then((module) => ({ default: module.PartiesPage })),
);
const UsersPage = lazy(() =>
  import('./UsersPage').then((module) => ({ default: module.UsersPage })),
);
const CreditLimitsPage = lazy(() =>
  import('./CreditLimitsPage').then((module) => ({ default: module.CreditLimitsPage })),
);
const SettingsPage = lazy(() =>
  import('./SettingsPage').then((module) => ({ default: module.SettingsPage })),
);

/** Read-only pages the admin shares with the treasurer: what every admin and treasurer did, and the reports. */
const AuditPage = lazy(() =>
  import('../treasurer/AuditPage').then((module) => ({ default: module.AuditPage })),
);
const ReportsPage = lazy(() =>
  import('../treasurer/ReportsPage').then((module) => ({ default: module.ReportsPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<p>{t('admin.loading')}</p>}>{children}</Suspense>;
}

export function AdminHome() {
  return (
    <Loading>
      <PartiesPage />
    </Loading>
  );
}

export function AdminRoutes() {
  return (
    <Loading>
      <Routes>
        <Route index element={<PartiesPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="credit-limits" element={<CreditLimitsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="reports" element={<ReportsPage />} />
      </Routes>
    </Loading>
  );
}
