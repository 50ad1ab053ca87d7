import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiProblemError, fieldErrors } from '../api/client';
import { useT } from '../i18n/i18n';
import { useSession } from '../session/session';
import type { PasswordChangedState } from './PasswordPages';

/** The login form: the API's own problem details at the form and its fields. */
export function LoginPage() {
  const t = useT();
  const { state, login } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordChanged =
    (useLocation().state as PasswordChangedState | null)?.passwordChanged === true;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const byField = fieldErrors(error);
  const message =
    error instanceof ApiProblemError ? error.problem.detail : error ? t('error.network') : null;
  return (
    <section className="login card" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      {passwordChanged && !error && (
        <p role="status" className="notice">
          {t('password.changed')}
        </p>
      )}
      {state.status === 'anonymous' && state.ended && !passwordChanged && !error && (
        <p role="status" className="notice">
          {t('session.expired')}
        </p>
      )}
      {message && (
        <div role="alert" className="alert">
          <p>{t('login.failed')}</p>
          <p>{Object.keys(byField).length > 0 ? t('error.fieldsBelow') : message}</p>
        </div>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          name="email"
          type="email"
          autoComplete="username"
          label={t('login.email')}
          error={byField.email}
        />
        <Field
          name="password"
          type="password"
          autoComplete="current-password"
          label={t('login.password')}
          error={byField.password}
        />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <p className="login__public">
        <Link to="/wachtwoord-herstellen">{t('password.reset.link')}</Link>
      </p>
      <p className="login__public">
        <Link to="/transparantie">{t('transparency.link')}</Link>
      </p>
    </section>
  );
}

function Field(props: {
  name: string;
  type: string;
  autoComplete: string;
  label: string;
  error?: string;
}) {
  const errorId = `${props.name}-error`;
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      {props.error && (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}
