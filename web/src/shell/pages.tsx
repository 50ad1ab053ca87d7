import { Link, Navigate } from 'react-router';
import { useT } from '../i18n/i18n';
import { useSession } from '../session/session';
import { AdminHome } from '../admin';
import { TreasurerHome } from '../treasurer';
import { VolunteerHome } from '../volunteer';
import { LoginPage } from './LoginPage';
import type { ReactNode } from 'react';

/** `/`: the login form for a visitor, each role's own home after login. */
export function HomePage() {
  const { state } = useSession();
  if (state.status === 'restoring') return <Loading />;
  if (state.status === 'anonymous') return <LoginPage />;
  switch (state.user.role) {
    case 'volunteer':
      return <VolunteerHome />;
    case 'business_operator':
      return <Navigate to="/kassa" replace />;
    case 'org_manager':
      return <Navigate to="/organisation/hours" replace />;
    case 'treasurer':
      return <TreasurerHome />;
    case 'admin':
      return <AdminHome />;
  }
}

/** A page of one role: the login form for a visitor, "not for you" for another role. */
export function RequireRole({ role, children }: { role: string; children: ReactNode }) {
  const { state } = useSession();
  if (state.status === 'restoring') return <Loading />;
  if (state.status === 'anonymous') return <LoginPage />;
  if (state.user.role !== role) return <NotForYou />;
  return children;
}

export function Loading() {
  const t = useT();
  return (
    <p role="status" className="loading">
      {t('app.loading')}
    </p>
  );
}

export function NotForYou() {
  const t = useT();
  return (
    <section className="card" aria-labelledby="not-for-you-title">
      <h1 id="not-for-you-title">{t('notForYou.title')}</h1>
      <p>{t('notForYou.text')}</p>
      <p>
        <Link to="/">{t('notForYou.home')}</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <section className="card" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notForYou.home')}</Link>
      </p>
    </section>
  );
}
