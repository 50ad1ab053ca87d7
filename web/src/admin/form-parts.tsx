import type { ReactNode } from 'react';
import { ApiProblemError, fieldErrors } from '../api/client';
import { useT } from '../i18n/i18n';

/** A labelled field with its hint and its error (ours or the API's), tied by aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy =
    [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      )}
      {props.children(describedBy, props.error ? true : undefined)}
      {props.error && (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}

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
