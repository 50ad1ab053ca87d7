import '../volunteer/lists-and-figures.css';
import './admin.css';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { adminKeys, DISTRICTS, PARTY_KINDS } from './admin-data';
import { PartyAccounts } from './PartyAccounts';
import { PartyPass } from './PartyPass';
import { Field } from '../components/Field';
import { useFocusOnShow } from '../components/useFocusOnShow';
import { Refusal, textOf } from './form-parts';

type Party = components['schemas']['PartyDto'];
type Kind = Party['kind'];
type District = Party['district'];
/** Parties per page of the list; the API allows up to 100. */
const PARTIES_PER_PAGE = 50;

/**
 * `/` and `/admin`: the parties by kind and district, a new party, correcting one, its account's
 * maximum and state (and an organisation's hour rate), and a volunteer's voordeelpassen.
 */
export function PartiesPage() {
  const t = useT();
  const [kind, setKind] = useState<Kind | ''>('');
  const [district, setDistrict] = useState<District | ''>('');
  const [editing, setEditing] = useState<Party | null>(null);
  // One panel of a party at a time: its account, or a volunteer's passes.
  const [panel, setPanel] = useState<{ of: 'accounts' | 'pass'; party: Party } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const parties = useInfiniteQuery({
    queryKey: [...adminKeys.parties, kind, district],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/parties', {
          params: {
            query: {
              limit: PARTIES_PER_PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(kind ? { kind } : {}),
              ...(district ? { district } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = parties.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="admin-page" aria-labelledby="parties-title">
      <h1 id="parties-title">{t('admin.parties.title')}</h1>
      <p className="hint">{t('admin.parties.intro')}</p>
      {done && (
        <p role="status" className="notice" data-testid="parties-done">
          {done}
        </p>
      )}
      <div className="admin-filters">
        <div className="field">
          <label htmlFor="parties-kind">{t('admin.parties.filterKind')}</label>
          <select
            id="parties-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as Kind | '')}
          >
            <option value="">{t('admin.all')}</option>
            {PARTY_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`admin.kind.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="parties-district">{t('admin.parties.filterDistrict')}</label>
          <select
            id="parties-district"
            value={district}
            onChange={(event) => setDistrict(event.target.value as District | '')}
          >
            <option value="">{t('admin.all')}</option>
            {DISTRICTS.map((value) => (
              <option key={value} value={value}>
                {t(`admin.district.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {parties.isPending && <p>{t('admin.loading')}</p>}
      {parties.isError && <p role="alert">{t('admin.loadFailed')}</p>}
      {parties.data && rows.length === 0 && <p>{t('admin.parties.empty')}</p>}
      {rows.length > 0 && (
        <div
          className="table-scroll"
          role="region"
          tabIndex={0}
          aria-label={t('admin.parties.caption')}
        >
          <table className="figures-table admin-table admin-table--stacking">
            <caption>{t('admin.parties.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.parties.name')}</th>
                <th scope="col">{t('admin.parties.kind')}</th>
                <th scope="col">{t('admin.parties.district')}</th>
                <th scope="col">{t('admin.parties.contactEmail')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.parties.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((party) => (
                <tr key={party.id}>
                  <th scope="row">{party.name}</th>
                  <td data-label={t('admin.parties.kind')}>{t(`admin.kind.${party.kind}`)}</td>
                  <td data-label={t('admin.parties.district')}>
                    {t(`admin.district.${party.district}`)}
                  </td>
                  <td className="admin-table__email" data-label={t('admin.parties.contactEmail')}>
                    {party.contactEmail ?? t('admin.none')}
                  </td>
                  <td className="admin-table__action">
                    <div className="admin-row-buttons">
                      <button
                        type="button"
                        className="button-small"
                        aria-label={t('admin.parties.editLabel', { name: party.name })}
                        onClick={() => {
                          setDone(null);
                          setEditing(party);
                        }}
                      >
                        {t('admin.parties.edit')}
                      </button>
                      <button
                        type="button"
                        className="button-small"
                        aria-label={t('admin.accounts.buttonLabel', { name: party.name })}
                        onClick={() => {
                          setDone(null);
                          setPanel({ of: 'accounts', party });
                        }}
                      >
                        {t('admin.accounts.button')}
                      </button>
                      {party.kind === 'volunteer' && (
                        <button
                          type="button"
                          className="button-small"
                          aria-label={t('admin.passes.buttonLabel', { name: party.name })}
                          onClick={() => {
                            setDone(null);
                            setPanel({ of: 'pass', party });
                          }}
                        >
                          {t('admin.passes.button')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {parties.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          disabled={parties.isFetchingNextPage}
          onClick={() => void parties.fetchNextPage()}
        >
          {t('admin.more')}
        </button>
      )}
      {panel?.of === 'accounts' && (
        <PartyAccounts key={panel.party.id} party={panel.party} onClose={() => setPanel(null)} />
      )}
      {panel?.of === 'pass' && (
        <PartyPass key={panel.party.id} party={panel.party} onClose={() => setPanel(null)} />
      )}
      <div className="admin-grid">
        {editing && (
          <PartyForm
            key={editing.id}
            party={editing}
            onDone={(message) => {
              setEditing(null);
              setDone(message);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        <PartyForm
          onDone={(message) => {
            setDone(message);
          }}
        />
      </div>
    </section>
  );
}

/** A new party (no `party`), or the correction of one: the kind is chosen once. */
function PartyForm(props: {
  party?: Party;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const existing = props.party;
  // A correction opens below the list: brought into view. A new party's form stays where it is.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnShow(heading, existing !== undefined);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<Kind | ''>(existing?.kind ?? '');
  const save = useMutation({
    mutationFn: async (form: FormData) => {
      const optional = (name: string) => textOf(form, name) || undefined;
      const common = {
        name: textOf(form, 'name'),
        district: textOf(form, 'district') as District,
      };
      if (existing) {
        // Left empty: cleared (null), so an address or a description can be taken away.
        const birthDate = kind === 'volunteer' ? (optional('birthDate') ?? null) : undefined;
        return unwrap(
          await api.PATCH('/api/v1/parties/{id}', {
            params: { path: { id: existing.id } },
            body: {
              ...common,
              contactEmail: optional('contactEmail') ?? null,
              description: optional('description') ?? null,
              ...(birthDate !== undefined ? { birthDate } : {}),
            },
          }),
        );
      }
      return unwrap(
        await api.POST('/api/v1/parties', {
          body: {
            ...common,
            kind: kind as Kind,
            contactEmail: optional('contactEmail'),
            description: optional('description'),
            ...(kind === 'volunteer' && optional('birthDate')
              ? { birthDate: optional('birthDate') }
              : {}),
          },
        }),
      );
    },
    onSuccess: async (party) => {
      props.onDone(
        t(existing ? 'admin.parties.updated' : 'admin.parties.created', { name: party.name }),
      );
      await queryClient.invalidateQueries({ queryKey: adminKeys.parties });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const problems: Record<string, string> = {};
    if (!existing && kind === '') problems.kind = t('admin.parties.chooseKind');
    if (textOf(form, 'name') === '') problems.name = t('admin.required');
    if (textOf(form, 'district') === '') problems.district = t('admin.parties.chooseDistrict');
    setInvalid(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(form, {
      onSuccess: () => {
        if (existing) return;
        element.reset();
        setKind('');
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
      data-testid={existing ? 'party-edit' : 'party-create'}
    >
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {existing
          ? t('admin.parties.editTitle', { name: existing.name })
          : t('admin.parties.createTitle')}
      </h2>
      <Refusal error={save.error} />
      <form onSubmit={submit} noValidate>
        {existing ? (
          <p className="hint">
            {t('admin.parties.kindStays', { kind: t(`admin.kind.${existing.kind}`) })}
          </p>
        ) : (
          <Field id={`${id}-kind`} label={t('admin.parties.kind')} error={error('kind')}>
            {(describedBy, isInvalid) => (
              <select
                id={`${id}-kind`}
                name="kind"
                value={kind}
                onChange={(event) => setKind(event.target.value as Kind | '')}
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              >
                <option value="" disabled>
                  {t('admin.parties.chooseKind')}
                </option>
                {PARTY_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {t(`admin.kind.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id={`${id}-name`} label={t('admin.parties.name')} error={error('name')}>
          {(describedBy, isInvalid) => (
            <input
              id={`${id}-name`}
              name="name"
              maxLength={200}
              autoComplete="off"
              defaultValue={existing?.name}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id={`${id}-district`} label={t('admin.parties.district')} error={error('district')}>
          {(describedBy, isInvalid) => (
            <select
              id={`${id}-district`}
              name="district"
              defaultValue={existing?.district ?? ''}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            >
              <option value="" disabled>
                {t('admin.parties.chooseDistrict')}
              </option>
              {DISTRICTS.map((value) => (
                <option key={value} value={value}>
                  {t(`admin.district.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={`${id}-contactEmail`}
          label={t('admin.parties.contactEmail')}
          error={error('contactEmail')}
        >
          {(describedBy, isInvalid) => (
            <input
              id={`${id}-contactEmail`}
              name="contactEmail"
              type="email"
              autoComplete="off"
              defaultValue={existing?.contactEmail ?? ''}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          id={`${id}-description`}
          label={t('admin.parties.description')}
          error={error('description')}
        >
          {(describedBy, isInvalid) => (
            <textarea
              id={`${id}-description`}
              name="description"
              rows={3}
              maxLength={2000}
              defaultValue={existing?.description ?? ''}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        {kind === 'volunteer' && (
          <Field
            id={`${id}-birthDate`}
            label={t('admin.parties.birthDate')}
            error={error('birthDate')}
          >
            {(describedBy, isInvalid) => (
              <input
                id={`${id}-birthDate`}
                name="birthDate"
                type="date"
                defaultValue={existing?.birthDate ?? ''}
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        )}
        <div className="admin-buttons">
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {save.isPending
              ? t('admin.busy')
              : existing
                ? t('admin.save')
                : t('admin.parties.create')}
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
