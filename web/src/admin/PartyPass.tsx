import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useFocusOnShow } from '../components/useFocusOnShow';
import { useI18n, useT } from '../i18n/i18n';
import { pageFormatters } from '../volunteer/page-format';
import { adminKeys } from './admin-data';
import { Refusal } from './form-parts';

type Party = components['schemas']['PartyDto'];
type Pass = components['schemas']['PassDto'];
/** The reasons a person gives (pin_attempts is the API's own, after five wrong PINs). */
const BLOCK_REASONS = ['lost', 'stolen', 'damaged', 'other'] as const;
type BlockReason = (typeof BLOCK_REASONS)[number];
/** A volunteer has one active pass and a few old ones; one page is all of them. */
const PASSES_PER_PAGE = 100;

/**
 * A volunteer's voordeelpassen at the desk: their passes, newest first; a new pass when none is
 * active (POST /passes), and blocking the active one after a confirmation (POST
 * /passes/{number}/block). The API gives no PIN with a new pass: the volunteer sets one in the app.
 */
export function PartyPass(props: { party: Party; onClose: () => void }) {
  const t = useT();
  const { language } = useI18n();
  const format = pageFormatters(language);
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnShow(heading);
  const [done, setDone] = useState<string | null>(null);
  const passes = useQuery({
    queryKey: adminKeys.partyPasses(props.party.id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/passes', {
          params: { query: { volunteerId: props.party.id, limit: PASSES_PER_PAGE } },
        }),
      )
        // The API lists them oldest first; at the desk the newest matters.
        .items.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt)),
  });
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: adminKeys.partyPasses(props.party.id) });
  const issue = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/passes', { body: { volunteerId: props.party.id } })),
    onSuccess: (pass) =>
      setDone(
        t('admin.passes.issued', {
          name: props.party.name,
          number: pass.printedNumber,
          validUntil: format.date(pass.validUntil),
        }),
      ),
    // A refusal (another desk issued one meanwhile) also shows what is there now.
    onSettled: refresh,
  });
  const list = passes.data ?? [];
  const active = list.find((pass) => pass.status === 'active') ?? null;
  return (
    <section
      className="card admin-edit"
      aria-labelledby="party-pass-title"
      data-testid="party-pass"
    >
      <h2 id="party-pass-title" ref={heading} tabIndex={-1}>
        {t('admin.passes.title', { name: props.party.name })}
      </h2>
      <p className="hint">{t('admin.passes.intro')}</p>
      {passes.isPending && <p>{t('admin.loading')}</p>}
      {passes.isError && <p role="alert">{t('admin.loadFailed')}</p>}
      {done && (
        <p role="status" className="notice" data-testid="pass-done">
          {done}
        </p>
      )}
      {passes.isSuccess && list.length === 0 && <p>{t('admin.passes.none')}</p>}
      {list.length > 0 && (
        <ul className="admin-cards" aria-label={t('admin.passes.listLabel')}>
          {list.map((pass) => (
            <li key={pass.id} className="admin-account" data-testid="pass-card">
              <PassFacts pass={pass} format={format} />
              {pass.status === 'active' && (
                <BlockPass
                  pass={pass}
                  onBlocked={(blocked) => {
                    setDone(t('admin.passes.blocked', { number: blocked.printedNumber }));
                    void refresh();
                  }}
                  onStart={() => {
                    setDone(null);
                    issue.reset();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {passes.isSuccess && !active && (
        <div className="admin-account" data-testid="pass-issue">
          <p>{t('admin.passes.issueExplained')}</p>
          <Refusal error={issue.error} />
          <button
            type="button"
            className="button-primary"
            disabled={issue.isPending}
            onClick={() => {
              setDone(null);
              issue.mutate();
            }}
          >
            {issue.isPending ? t('admin.busy') : t('admin.passes.issue')}
          </button>
        </div>
      )}
      {active && issue.isError && (
        // Refused because a pass was issued meanwhile: the list above now shows it.
        <Refusal error={issue.error} />
      )}
      <div className="admin-buttons">
        <button type="button" className="button-secondary" onClick={props.onClose}>
          {t('admin.accounts.close')}
        </button>
      </div>
    </section>
  );
}

function PassFacts({ pass, format }: { pass: Pass; format: ReturnType<typeof pageFormatters> }) {
  const t = useT();
  return (
    <dl className="admin-user__facts">
      <div>
        <dt>{t('admin.passes.number')}</dt>
        <dd className="admin-pass-number">{pass.printedNumber}</dd>
      </div>
      <div>
        <dt>{t('admin.passes.status')}</dt>
        <dd>{t(`admin.passes.status.${pass.status}`)}</dd>
      </div>
      <div>
        <dt>{t('admin.passes.validUntil')}</dt>
        <dd>{format.date(pass.validUntil)}</dd>
      </div>
      {pass.status === 'active' && (
        <div>
          <dt>{t('admin.passes.pin')}</dt>
          <dd>{pass.pinSet ? t('admin.passes.pinSet') : t('admin.passes.pinNotSet')}</dd>
        </div>
      )}
      {pass.blockedAt && (
        <div>
          <dt>{t('admin.passes.blockedAt')}</dt>
          <dd>
            {format.dateTime(pass.blockedAt)}
            {pass.blockedReason ? `, ${t(`admin.passes.reason.${pass.blockedReason}`)}` : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

function BlockPass(props: { pass: Pass; onBlocked: (pass: Pass) => void; onStart: () => void }) {
  const t = useT();
  const id = useId();
  const { pass } = props;
  const [reason, setReason] = useState<BlockReason>('lost');
  const [confirming, setConfirming] = useState(false);
  const block = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/passes/{number}/block', {
          params: { path: { number: pass.number } },
          body: { reason },
        }),
      ),
    onSuccess: props.onBlocked,
  });
  return (
    <div data-testid="pass-block">
      <fieldset>
        <legend>{t('admin.passes.blockReason')}</legend>
        {BLOCK_REASONS.map((option) => (
          <label key={option} className="admin-choice">
            <input
              type="radio"
              name={`${id}-reason`}
              value={option}
              checked={reason === option}
              onChange={() => setReason(option)}
            />
            <span>{t(`admin.passes.reason.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      <Refusal error={block.error} />
      {!confirming ? (
        <button
          type="button"
          className="admin-button-danger"
          onClick={() => {
            props.onStart();
            setConfirming(true);
          }}
        >
          {t('admin.passes.block')}
        </button>
      ) : (
        <div role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {t('admin.passes.blockConfirm', { number: pass.printedNumber })}
          </p>
          <div className="admin-buttons">
            <button
              type="button"
              className="admin-button-danger"
              disabled={block.isPending}
              onClick={() => block.mutate()}
            >
              {block.isPending
                ? t('admin.busy')
                : t('admin.passes.blockYes', { number: pass.printedNumber })}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                block.reset();
                setConfirming(false);
              }}
            >
              {t('admin.passes.blockNo')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
