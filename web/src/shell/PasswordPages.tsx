import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import { Field } from '../components/Field';
import { useT } from '../i18n/i18n';
import { useSession } from '../session/session';
import { LoginPage } from './LoginPage';
import { Loading } from './pages';

/** What the login page is told after a password changed: log in with the new one. */
export interface PasswordChangedState {
  passwordChanged: true;
}

/** A refusal above a form: the API's sentence, or "see the fields below" when it named fields. */
function FormRefusal({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const byField = fieldErrors(error);
  return (
    <div role="alert" className="alert">
      <p>{t('password.failed')}</p>
      <p>
        {!(error instanceof ApiProblemError)
          ? t('error.network')
          : Object.keys(byField).length > 0
            ? t('error.fieldsBelow')
            : error.problem.detail}
      </p>
    </div>
  );
}

function PasswordInput(props: {
  name: string;
  label: string;
  autoComplete: 'current-password' | 'new-password' | 'one-time-code';
  hint?: string;
  error?: string;
}) {
  const id = `password-${props.name}`;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={props.name}
          type={props.autoComplete === 'one-time-code' ? 'text' : 'password'}
          autoComplete={props.autoComplete}
          spellCheck={false}
          required
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}

/** The two new-password fields agree, or the page says so before anything is sent. */
function repeatedPassword(form: FormData, t: ReturnType<typeof useT>) {
  const newPassword = String(form.get('newPassword') ?? '');
  const repeated = String(form.get('repeatPassword') ?? '');
  return {
    newPassword,
    mismatch: newPassword !== repeated ? t('password.mismatch') : undefined,
  };
}

/**
 * `/wachtwoord`: a logged-in person changes their own password (POST /auth/password). Every
 * session of theirs ends, this one too, so the page logs out and the login page says why.
 */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const { state, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState<string | undefined>();
  if (state.status === 'restoring') return <Loading />;
  if (state.status === 'anonymous') return <LoginPage />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const { newPassword, mismatch: problem } = repeatedPassword(form, t);
    setMismatch(problem);
    setError(null);
    if (problem) return;
    setBusy(true);
    try {
      unwrap(
        await api.POST('/api/v1/auth/password', {
          body: { currentPassword: String(form.get('currentPassword') ?? ''), newPassword },
        }),
      );
    } catch (caught) {
      setError(caught);
      setBusy(false);
      return;
    }
    await logout();
    const changed: PasswordChangedState = { passwordChanged: true };
    await navigate('/', { state: changed });
  }

  const byField = fieldErrors(error);
  const currentWrong =
    error instanceof ApiProblemError && error.problem.code === 'CURRENT_PASSWORD_WRONG';
  return (
    <section className="login card" aria-labelledby="password-title">
      <h1 id="password-title">{t('password.change.title')}</h1>
      <p>{t('password.change.intro')}</p>
      {!currentWrong && <FormRefusal error={error} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <PasswordInput
          name="currentPassword"
          label={t('password.current')}
          autoComplete="current-password"
          error={currentWrong ? t('password.currentWrong') : byField.currentPassword}
        />
        <PasswordInput
          name="newPassword"
          label={t('password.new')}
          hint={t('password.newHint')}
          autoComplete="new-password"
          error={byField.newPassword}
        />
        <PasswordInput
          name="repeatPassword"
          label={t('password.repeat')}
          autoComplete="new-password"
          error={mismatch}
        />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('password.busy') : t('password.change.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * `/wachtwoord-herstellen`: with the one-time code an administrator handed over
 * (POST /users/{id}/password-reset), a person sets a new password (POST /auth/password-reset).
 */
export function ResetPasswordPage() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState<string | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const { newPassword, mismatch: problem } = repeatedPassword(form, t);
    setMismatch(problem);
    setError(null);
    if (problem) return;
    setBusy(true);
    try {
      unwrap(
        await api.POST('/api/v1/auth/password-reset', {
          body: { code: String(form.get('code') ?? '').trim(), newPassword },
        }),
      );
      setDone(true);
    } catch (caught) {
      setError(caught);
    }
    setBusy(false);
  }

  const byField = fieldErrors(error);
  return (
    <section className="login card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('password.reset.title')}</h1>
      {done ? (
        <>
          <p role="status" className="notice">
            {t('password.reset.done')}
          </p>
          <p>
            <Link to="/">{t('password.toLogin')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('password.reset.intro')}</p>
          <FormRefusal error={error} />
          <form onSubmit={(event) => void submit(event)} noValidate>
            <PasswordInput
              name="code"
              label={t('password.code')}
              autoComplete="one-time-code"
              error={byField.code}
            />
            <PasswordInput
              name="newPassword"
              label={t('password.new')}
              hint={t('password.newHint')}
              autoComplete="new-password"
              error={byField.newPassword}
            />
            <PasswordInput
              name="repeatPassword"
              label={t('password.repeat')}
              autoComplete="new-password"
              error={mismatch}
            />
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? t('password.busy') : t('password.reset.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
