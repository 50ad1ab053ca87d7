import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { adminMenu } from '../admin';
import { businessMenu } from '../business';
import { useT } from '../i18n/i18n';
import { organisationMenu } from '../organisation';
import { useSession } from '../session/session';
import { treasurerMenu } from '../treasurer';
import { volunteerMenu } from '../volunteer';
import { LanguageSwitch } from './LanguageSwitch';
import type { MenuItem } from './menu';

function menuFor(role: string): MenuItem[] {
  if (role === 'volunteer') return volunteerMenu;
  if (role === 'org_manager') return organisationMenu;
  if (role === 'treasurer') return treasurerMenu;
  if (role === 'admin') return adminMenu;
  if (role === 'business_operator') return [{ to: '/kassa', label: 'menu.kassa' }, ...businessMenu];
  return [{ to: '/', label: 'menu.home' }];
}

/** Header with the role menu, the language switch and logout; the page below in <main>. */
export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const { state, logout } = useSession();
  const user = state.status === 'authenticated' ? state.user : null;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <img src="/icon.svg" alt="" width="32" height="32" />
          <span>{t('app.name')}</span>
        </div>
        {!user && (
          <nav aria-label={t('menu.label')} className="app-menu">
            <ul>
              <li>
                <NavLink to="/transparantie">{t('transparency.link')}</NavLink>
              </li>
            </ul>
          </nav>
        )}
        {user && (
          <nav aria-label={t('menu.label')} className="app-menu">
            <ul>
              {menuFor(user.role).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="app-header__tools">
          <LanguageSwitch />
          {user && (
            <button type="button" className="button-secondary" onClick={() => void logout()}>
              {t('session.logout')}
            </button>
          )}
        </div>
        {user && (
          <p className="app-header__user">
            {t('session.loggedInAs', { name: user.displayName })} ·{' '}
            <Link to="/wachtwoord">{t('password.link')}</Link>
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
