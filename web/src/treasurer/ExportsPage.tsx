import './treasurer.css';
import { useMutation } from '@tanstack/react-query';
import { api, ApiProblemError, unwrap } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';

type Format = 'csv' | 'hledger' | 'beancount';

const FORMATS: Array<{ format: Format; label: MessageKey; file: string }> = [
  { format: 'hledger', label: 'treasurer.exports.hledger', file: 'steerkes.journal' },
  { format: 'beancount', label: 'treasurer.exports.beancount', file: 'steerkes.beancount' },
  { format: 'csv', label: 'treasurer.exports.csv', file: 'steerkes.csv' },
];

/** Hands a file the page fetched (with the session's token) to the browser as a download. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `/treasurer/exports`: the journal as CSV, an hledger journal or a Beancount file. */
export function ExportsPage() {
  const t = useT();
  const download = useMutation({
    mutationFn: async ({ format, file }: { format: Format; file: string }) => {
      const blob = unwrap(
        await api.GET('/api/v1/treasury/export', {
          params: { query: { format } },
          parseAs: 'blob',
        }),
      ) as Blob;
      saveFile(blob, file);
      return file;
    },
  });
  return (
    <section className="treasurer-page" aria-labelledby="exports-title">
      <h1 id="exports-title">{t('treasurer.exports.title')}</h1>
      <p>{t('treasurer.exports.intro')}</p>
      <div role="status">
        {download.isPending && <p>{t('treasurer.exports.busy')}</p>}
        {download.isSuccess && (
          <p className="notice">{t('treasurer.exports.done', { file: download.data })}</p>
        )}
      </div>
      {download.isError && (
        <p role="alert" className="alert">
          {t('treasurer.exports.failed', {
            detail:
              download.error instanceof ApiProblemError
                ? download.error.problem.detail
                : t('error.network'),
          })}
        </p>
      )}
      <div className="download-list">
        {FORMATS.map((option) => (
          <button
            key={option.format}
            type="button"
            className="button-secondary"
            disabled={download.isPending}
            onClick={() => download.mutate(option)}
          >
            {t(option.label)}
          </button>
        ))}
      </div>
    </section>
  );
}
