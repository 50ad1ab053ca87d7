import { ApiProblemError, fieldErrors } from '../api/client';
import { useT } from '../i18n/i18n';

/**
 * A refusal above a form: the API's sentence (in the chosen language), or "see the fields below"
 * when the API named fields, or "no answer" when the network failed.
 */
export function Refusal({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const problem = error instanceof ApiProblemError ? error.problem : null;
  const byField = fieldErrors(error);
  return (
    <div role="alert" className="alert">
      {problem === null ? (
        <p>{t('admin.noAnswer')}</p>
      ) : (
        <>
          <p>{t('admin.refused')}</p>
          <p>{Object.keys(byField).length > 0 ? t('admin.fieldsBelow') : problem.detail}</p>
        </>
      )}
    </div>
  );
}

/** The text of a form field, trimmed. */
export function textOf(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}
