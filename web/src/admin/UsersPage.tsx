import '../volunteer/lists-and-figures.css';
import './admin.css';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatters } from '../i18n/format';
import { useI18n, useT } from '../i18n/i18n';
import { useSession } from '../session/session';
import { adminKeys, PARTY_KIND_OF_ROLE, type Role, ROLES } from './admin-data';
import { Field } from '../components/Field';
import { Refusal, textOf } from './form-parts';

type User = components['schemas']['UserDto'];
type Party = components['schemas']['PartyDto'];
/** Users per page of the list; the API allows up to 100. */
const USERS_PER_PAGE = 50;
/** Every party, to name a user's party and to choose one (the API allows 100 a page). */
const PARTIES_LISTED_MAX = 100;

function useAllParties() {
  return useQuery({
    queryKey: [...adminKeys.parties, 'all'],
    queryFn: async () => {
      const parties: Party[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/parties', {
            params: { query: { limit: PARTIES_LISTED_MAX, ...(cursor ? { cursor } : {}) } },
          }),
        );
        parties.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return parties;
    },
  });
}

/** `/admin/users`: who can log in; a new user, a changed role, disable/enable, reset, end sessions. */
export function UsersPage() {
  const t = useT();
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.user : null;
  const [role, setRole] = useState<Role | ''>('');
  const [changing, setChanging] = useState<User | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [resetCode, setResetCode] = useState<{ name: string; code: string; until: string } | null>(
    null,
  );
  const parties = useAllParties();
  const users = useInfiniteQuery({
    queryKey: [...adminKeys.users, role],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: {
            query: {
              limit: USERS_PER_PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(role ? { role } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];
  const partyName = (partyId: string | null) =>
    partyId === null
      ? t('admin.none')
      : (parties.data?.find((party) => party.id === partyId)?.name ?? partyId);

  return (
    <section className="admin-page" aria-labelledby="users-title">
      <h1 id="users-title">{t('admin.users.title')}</h1>
      <p className="hint">{t('admin.users.intro')}</p>
      {done && (
        <p role="status" className="notice" data-testid="users-done">
          {done}
        </p>
      )}
      {resetCode && (
        <div role="status" className="notice" data-testid="reset-code">
          <p>{t('admin.users.resetDone', { name: resetCode.name, time: resetCode.until })}</p>
          <p>
            <code className="admin-code">{resetCode.code}</code>
          </p>
          <p>{t('admin.users.resetWhere', { name: resetCode.name })}</p>
        </div>
      )}
      <div className="admin-filters">
        <div className="field">
          <label htmlFor="users-role">{t('admin.users.filterRole')}</label>
          <select
            id="users-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role | '')}
          >
            <option value="">{t('admin.all')}</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {users.isPending && <p>{t('admin.loading')}</p>}
      {users.isError && <p role="alert">{t('admin.loadFailed')}</p>}
      {users.data && rows.length === 0 && <p>{t('admin.users.empty')}</p>}
      {rows.length > 0 && (
        <>
          <p className="hint">{t('admin.users.selfNote')}</p>
          <ul className="admin-cards" aria-label={t('admin.users.caption')}>
            {rows.map((user) => (
              <UserCard
                key={user.id}
                user={user}
                isMe={user.id === me?.id}
                partyName={partyName(user.partyId)}
                onChangeRole={() => {
                  setDone(null);
                  setChanging(user);
                }}
                onDone={(message) => {
                  setResetCode(null);
                  setDone(message);
                }}
                onResetCode={(code) => {
                  setDone(null);
                  setResetCode(code);
                }}
              />
            ))}
          </ul>
        </>
      )}
      {users.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          disabled={users.isFetchingNextPage}
          onClick={() => void users.fetchNextPage()}
        >
          {t('admin.more')}
        </button>
      )}
      <div className="admin-grid">
        {changing && (
          <UserForm
            key={changing.id}
            user={changing}
            parties={parties.data ?? []}
            onDone={(message) => {
              setChanging(null);
              setDone(message);
            }}
            onCancel={() => setChanging(null)}
          />
        )}
        <UserForm parties={parties.data ?? []} onDone={setDone} />
      </div>
    </section>
  );
}

function UserCard(props: {
  user: User;
  isMe: boolean;
  partyName: string;
  onChangeRole: () => void;
  onDone: (message: string) => void;
  onResetCode: (code: { name: string; code: string; until: string }) => void;
}) {
  const t = useT();
  const { language } = useI18n();
  const queryClient = useQueryClient();
  const { user } = props;
  const name = user.displayName;
  const path = { params: { path: { id: user.id } } };
  const act = useMutation({
    mutationFn: async (action: 'disable' | 'enable' | 'reset' | 'revoke') => {
      if (action === 'disable') {
        unwrap(await api.POST('/api/v1/users/{id}/disable', path));
        return t('admin.users.disabledDone', { name });
      }
      if (action === 'enable') {
        unwrap(await api.POST('/api/v1/users/{id}/enable', path));
        return t('admin.users.enabledDone', { name });
      }
      if (action === 'revoke') {
        unwrap(await api.POST('/api/v1/users/{id}/sessions/revoke', path));
        return t('admin.users.revoked', { name });
      }
      const reset = unwrap(await api.POST('/api/v1/users/{id}/password-reset', path));
      props.onResetCode({
        name,
        code: reset.code,
        until: formatters(language).dateTime(reset.expiresAt),
      });
      return null;
    },
    onSuccess: async (message) => {
      if (message) props.onDone(message);
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
  return (
    <li className="card admin-user" data-testid="user-card">
      <h2 className="admin-user__name">
        {name} {props.isMe && <span className="admin-user__you">{t('admin.users.you')}</span>}
      </h2>
      <dl className="admin-user__facts">
        <div>
          <dt>{t('admin.users.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('admin.users.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </div>
        <div>
          <dt>{t('admin.users.party')}</dt>
          <dd>{props.partyName}</dd>
        </div>
        <div>
          <dt>{t('admin.users.state')}</dt>
          <dd className={user.disabled ? 'admin-user__disabled' : undefined}>
            {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
          </dd>
        </div>
      </dl>
      <Refusal error={act.error} />
      {!props.isMe && (
        <div className="admin-buttons">
          <button
            type="button"
            className="button-small"
            aria-label={t('admin.users.changeRoleLabel', { name })}
            onClick={props.onChangeRole}
          >
            {t('admin.users.changeRole')}
          </button>
          <button
            type="button"
            className="button-small"
            disabled={act.isPending}
            aria-label={t(user.disabled ? 'admin.users.enableLabel' : 'admin.users.disableLabel', {
              name,
            })}
            onClick={() => act.mutate(user.disabled ? 'enable' : 'disable')}
          >
            {t(user.disabled ? 'admin.users.enable' : 'admin.users.disable')}
          </button>
          <button
            type="button"
            className="button-small"
            disabled={act.isPending}
            aria-label={t('admin.users.resetLabel', { name })}
            onClick={() => act.mutate('reset')}
          >
            {t('admin.users.reset')}
          </button>
          <button
            type="button"
            className="button-small"
            disabled={act.isPending}
            aria-label={t('admin.users.revokeLabel', { name })}
            onClick={() => act.mutate('revoke')}
          >
            {t('admin.users.revoke')}
          </button>
        </div>
      )}
    </li>
  );
}

/** A new user (no `user`), or a new role and party for one. */
function UserForm(props: {
  user?: User;
  parties: Party[];
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const existing = props.user;
  const [role, setRole] = useState<Role | ''>(existing?.role ?? '');
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const partyKind = role === '' ? null : PARTY_KIND_OF_ROLE[role];
  const choosable = partyKind ? props.parties.filter((party) => party.kind === partyKind) : [];
  const save = useMutation({
    mutationFn: async (form: FormData) => {
      const chosenRole = role as Role;
      const partyId = partyKind ? textOf(form, 'partyId') || undefined : undefined;
      if (existing)
        return unwrap(
          await api.PUT('/api/v1/users/{id}/role', {
            params: { path: { id: existing.id } },
            body: { role: chosenRole, ...(partyId ? { partyId } : {}) },
          }),
        );
      return unwrap(
        await api.POST('/api/v1/users', {
          body: {
            email: textOf(form, 'email'),
            displayName: textOf(form, 'displayName'),
            password: String(form.get('password') ?? ''),
            role: chosenRole,
            ...(partyId ? { partyId } : {}),
          },
        }),
      );
    },
    onSuccess: async (user) => {
      const roleName = t(`role.${user.role}`);
      props.onDone(
        t(existing ? 'admin.users.roleChanged' : 'admin.users.created', {
          name: user.displayName,
          role: roleName,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const problems: Record<string, string> = {};
    if (role === '') problems.role = t('admin.users.chooseRole');
    if (!existing) {
      if (textOf(form, 'email') === '') problems.email = t('admin.required');
      if (textOf(form, 'displayName') === '') problems.displayName = t('admin.required');
      if (String(form.get('password') ?? '') === '') problems.password = t('admin.required');
    }
    setInvalid(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(form, {
      onSuccess: () => {
        if (existing) return;
        element.reset();
        setRole('');
      },
    });
  }

  const apiFields = fieldErrors(save.error);
  const error = (name: string) => invalid[name] ?? apiFields[name];
  const titleId = `${id}-title`;
  return (
    <section
      className={existing ? 'card admin-edit' : 'card'}
      aria-labelledby={titleId}
      data-testid={existing ? 'user-role' : 'user-create'}
    >
      <h2 id={titleId}>
        {existing
          ? t('admin.users.changeRoleTitle', { name: existing.displayName })
          : t('admin.users.createTitle')}
      </h2>
      <Refusal error={save.error} />
      <form onSubmit={submit} noValidate>
        {!existing && (
          <>
            <Field
              id={`${id}-displayName`}
              label={t('admin.users.displayName')}
              error={error('displayName')}
            >
              {(describedBy, isInvalid) => (
                <input
                  id={`${id}-displayName`}
                  name="displayName"
                  maxLength={200}
                  autoComplete="off"
                  aria-invalid={isInvalid}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Field id={`${id}-email`} label={t('admin.users.email')} error={error('email')}>
              {(describedBy, isInvalid) => (
                <input
                  id={`${id}-email`}
                  name="email"
                  type="email"
                  autoComplete="off"
                  aria-invalid={isInvalid}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Field
              id={`${id}-password`}
              label={t('admin.users.password')}
              hint={t('admin.users.passwordHint')}
              error={error('password')}
            >
              {(describedBy, isInvalid) => (
                <input
                  id={`${id}-password`}
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  aria-invalid={isInvalid}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
          </>
        )}
        <Field id={`${id}-role`} label={t('admin.users.role')} error={error('role')}>
          {(describedBy, isInvalid) => (
            <select
              id={`${id}-role`}
              name="role"
              value={role}
              onChange={(event) => setRole(event.target.value as Role | '')}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            >
              <option value="" disabled>
                {t('admin.users.chooseRole')}
              </option>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {partyKind && (
          <Field
            id={`${id}-party`}
            label={t('admin.users.party')}
            hint={t('admin.users.partyHint')}
            error={error('partyId')}
          >
            {(describedBy, isInvalid) => (
              <select
                id={`${id}-party`}
                name="partyId"
                defaultValue={existing?.partyId ?? ''}
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              >
                <option value="">{t('admin.users.noParty')}</option>
                {choosable.map((party) => (
                  <option key={party.id} value={party.id}>
                    {party.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="admin-buttons">
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {save.isPending
              ? t('admin.busy')
              : existing
                ? t('admin.save')
                : t('admin.users.create')}
          </button>
          {props.onCancel && (
            <button type="button" className="button-secondary" onClick={props.onCancel}>
              {t('admin.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
