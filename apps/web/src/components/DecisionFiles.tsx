import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { path } from '../api/endpoints';
import type { DocumentFile } from '../api/types';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { ProblemAlert } from './ProblemAlert';

const KINDS = ['to-trinh', 'de-an', 'draft', 'appraisal-report', 'council-resolution', 'issued-decision'] as const;

/** A decision's files: every version with its SHA-256, preview (PDF) or download, and an upload form. */
export function DecisionFiles({ decisionId }: { decisionId: string }) {
  const { t, tx } = useT();
  const [files, setFiles] = useState<DocumentFile[] | null>(null);
  const [kind, setKind] = useState<string>(KINDS[0]);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => {
    api.get<{ items: DocumentFile[] }>(path('/api/v1/decisions/{id}/files', { id: decisionId })).then((r) => setFiles(r.items), setError);
  }, [decisionId]);
  useEffect(reload, [reload]);

  const open = async (f: DocumentFile) => {
    try {
      const { blob } = await api.blob(path('/api/v1/decisions/{id}/files/{file}', { id: decisionId, file: f.id }));
      const url = URL.createObjectURL(blob);
      if (f.mediaType === 'application/pdf') window.open(url, '_blank', 'noopener');
      else Object.assign(document.createElement('a'), { href: url, download: f.fileName }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    try {
      await api.upload(path('/api/v1/decisions/{id}/files', { id: decisionId }), form);
      setFile(null);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="files-title" data-testid="files">
      <h2 id="files-title">{t('files.title')}</h2>
      <ProblemAlert error={error} />
      {files && !files.length && <p className="muted">{t('files.none')}</p>}
      <ul className="plain">
        {files?.map((f) => (
          <li key={f.id} data-testid="file" data-kind={f.kind} data-version={f.version}>
            <strong>{tx(f.kindLabel)}</strong> · {t('files.version', { n: f.version })} ·{' '}
            <button type="button" className="link" onClick={() => void open(f)} data-testid="file-open">
              {f.fileName}
            </button>{' '}
            · {formatDateTime(f.uploadedAt)} · {f.uploadedBy.displayName}
            <div className="small muted code" title="SHA-256">sha256 {f.sha256}</div>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="buttons" data-testid="file-upload">
        <label htmlFor="file-kind">{t('files.kind')}</label>
        <select id="file-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`files.kind.${k}`)}</option>)}
        </select>
        <label htmlFor="file-input">{t('files.file')}</label>
        <input id="file-input" type="file" accept=".pdf,.doc,.docx,.xlsx,.png,.jpg,.jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="file-input" />
        <button type="submit" className="btn" disabled={!file || busy} data-testid="file-submit">{t('files.upload')}</button>
      </form>
    </section>
  );
}
