import './lists-and-figures.css';
import './volunteer.css';
import { useT } from '../i18n/i18n';
import { useUser } from '../session/session';
import { PassQrCode } from './PassQrCode';
import {
  currentPass,
  type Pass,
  problemText,
  useOwnAccount,
  useOwnPasses,
  useRequestPass,
} from './volunteer-data';
import { usePageFormat } from './page-format';

/** The volunteer's home: balance, available and reserved, and the voordeelpas to show at the counter. */
export function VolunteerHome() {
  const t = useT();
  return (
    <section className="volunteer-page" aria-labelledby="volunteer-home-title">
      <h1 id="volunteer-home-title" className="no-print">
        {t('volunteer.home.title')}
      </h1>
      <BalanceCard />
      <PassCard />
    </section>
  );
}

function BalanceCard() {
  const t = useT();
  const format = usePageFormat();
  const account = useOwnAccount();
  return (
    <section className="card balance-card no-print" aria-labelledby="balance-title">
      <h2 id="balance-title">{t('volunteer.balance.title')}</h2>
      {account.isError && <p role="alert">{t('volunteer.loadFailed')}</p>}
      {account.data && (
        <>
          <p className="balance-card__amount" data-testid="balance">
            {format.steerkes(account.data.balance)}
          </p>
          <dl className="figures">
            <div>
              <dt>{t('volunteer.balance.available')}</dt>
              <dd data-testid="available">{format.steerkes(account.data.available)}</dd>
            </div>
            <div>
              <dt>{t('volunteer.balance.pending')}</dt>
              <dd data-testid="pending">{format.steerkes(account.data.pending)}</dd>
            </div>
          </dl>
          {account.data.pending !== '0.00' && (
            <p className="hint">{t('volunteer.balance.pendingExplained')}</p>
          )}
        </>
      )}
      {account.isPending && <p>{t('volunteer.loading')}</p>}
    </section>
  );
}

function PassCard() {
  const t = useT();
  const passes = useOwnPasses();
  if (passes.isPending) return <p>{t('volunteer.loading')}</p>;
  if (passes.isError) return <p role="alert">{t('volunteer.loadFailed')}</p>;
  const pass = currentPass(passes.data);
  if (!pass || pass.status !== 'active') return <NoActivePass pass={pass} />;
  return <ActivePassCard pass={pass} />;
}

function ActivePassCard({ pass }: { pass: Pass }) {
  const t = useT();
  const format = usePageFormat();
  const user = useUser();
  return (
    <section className="card pass-card print-only-this" aria-labelledby="pass-title">
      <h2 id="pass-title">{t('volunteer.pass.title')}</h2>
      <p className="print-only">{t('volunteer.pass.holder', { name: user.displayName })}</p>
      <PassQrCode number={pass.number} />
      <dl className="figures pass-card__facts">
        <div>
          <dt>{t('volunteer.pass.number')}</dt>
          <dd className="pass-number" data-testid="pass-number">
            {pass.printedNumber}
          </dd>
        </div>
        <div>
          <dt>{t('volunteer.pass.validUntil')}</dt>
          <dd>{format.date(pass.validUntil)}</dd>
        </div>
      </dl>
      <p className="no-print">{t('volunteer.pass.showAtCounter')}</p>
      <p className="no-print">
        {pass.pinSet ? t('volunteer.pass.pinSet') : t('volunteer.pass.pinNotSet')}
      </p>
      <button type="button" className="button-primary no-print" onClick={() => window.print()}>
        {t('volunteer.pass.print')}
      </button>
    </section>
  );
}

/** No active pass (never had one, or it is blocked or expired): the volunteer may issue one for themselves. */
export function NoActivePass({ pass }: { pass: Pass | null }) {
  const t = useT();
  const request = useRequestPass();
  return (
    <section className="card pass-card" aria-labelledby="no-pass-title">
      <h2 id="no-pass-title">{t('volunteer.pass.title')}</h2>
      {pass ? (
        <p role="status">
          {t('volunteer.pass.notActive', {
            number: pass.printedNumber,
            status: t(`volunteer.pass.status.${pass.status}`),
          })}
        </p>
      ) : (
        <p>{t('volunteer.pass.none')}</p>
      )}
      <button
        type="button"
        className="button-primary"
        onClick={() => request.mutate()}
        disabled={request.isPending}
      >
        {pass ? t('volunteer.block.newPass') : t('volunteer.pass.request')}
      </button>
      {request.isError && (
        <p role="alert">{problemText(request.error, t('volunteer.loadFailed'))}</p>
      )}
    </section>
  );
}
