import type { Problem } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { kassaMessages } from './messages';

/** The plain sentence for a refusal code: what happened and what to do next; a general one for codes the counter does not expect. */
export function refusalKey(code: string): MessageKey {
  const key = `refusal.${code}`;
  return key in kassaMessages.nl ? (key as MessageKey) : 'refusal.other';
}

/** Codes whose API detail adds what the operator needs (attempts left, amounts, minutes); others name internal ids. */
const DETAIL_SHOWN = new Set([
  'PIN_INCORRECT',
  'PIN_ATTEMPTS_PAUSED',
  'PASS_BLOCKED',
  'PASS_EXPIRED',
  'PASS_DAILY_LIMIT_REACHED',
  'FISCAL_LIMIT_REACHED',
]);

/** A refusal in words: the sentence, and the API's own detail (in the chosen language) for the particulars. Never a code or JSON. */
export function Refusal({ problem }: { problem: Problem }) {
  const t = useT();
  return (
    <>
      <p className="refusal__sentence">{t(refusalKey(problem.code))}</p>
      {(DETAIL_SHOWN.has(problem.code) || refusalKey(problem.code) === 'refusal.other') && (
        <p className="refusal__detail">{problem.detail}</p>
      )}
    </>
  );
}
