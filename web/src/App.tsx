import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AdminRoutes } from './admin';
import { BusinessRoutes } from './business';
import { ApiProblemError } from './api/client';
import { I18nProvider } from './i18n/i18n';
import { KassaPage } from './kassa/KassaPage';
import { OrganisationRoutes } from './organisation';
import { SessionProvider } from './session/session';
import { AppShell } from './shell/AppShell';
import { HomePage, Loading, NotFound, RequireRole } from './shell/pages';
import { ChangePasswordPage, ResetPasswordPage } from './shell/PasswordPages';
import { TreasurerRoutes } from './treasurer';
import { VolunteerRoutes } from './volunteer';

/** The public transparency page loads when opened: a councillor's first visit fetches only it. */
const TransparencyPage = lazy(() =>
  import('./transparency/TransparencyPage').then((module) => ({
    default: module.TransparencyPage,
  })),
);

/** A refusal is an answer, not a hiccup: only network faults and 5xx are retried by the query library. */
const QUERY_RETRIES_MAX = 2;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < QUERY_RETRIES_MAX &&
          !(error instanceof ApiProblemError && error.problem.status < 500),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <AppShell>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route
                  path="/kassa"
                  element={
                    <RequireRole role="business_operator">
                      <KassaPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/business/*"
                  element={
                    <RequireRole role="business_operator">
                      <BusinessRoutes />
                    </RequireRole>
                  }
                />
                <Route
                  path="/volunteer/*"
                  element={
                    <RequireRole role="volunteer">
                      <VolunteerRoutes />
                    </RequireRole>
                  }
                />
                <Route
                  path="/organisation/*"
                  element={
                    <RequireRole role="org_manager">
                      <OrganisationRoutes />
                    </RequireRole>
                  }
                />
                <Route
                  path="/treasurer/*"
                  element={
                    <RequireRole role="treasurer">
                      <TreasurerRoutes />
                    </RequireRole>
                  }
                />
                <Route
                  path="/admin/*"
                  element={
                    <RequireRole role="admin">
                      <AdminRoutes />
                    </RequireRole>
                  }
                />
                <Route
                  path="/transparantie/:jaar?"
                  element={
                    <Suspense fallback={<Loading />}>
                      <TransparencyPage />
                    </Suspense>
                  }
                />
                <Route path="/wachtwoord" element={<ChangePasswordPage />} />
                <Route path="/wachtwoord-herstellen" element={<ResetPasswordPage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </AppShell>
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
