/**
 * "Export WAV": renders the open graph with the offline engine in a Web Worker (the CLI's own
 * render, byte for byte). While it runs: a progress bar, Cancel, and "Continue in background",
 * which closes the dialog so the editor can be used (the toolbar shows the progress). At the end:
 * the loudness report, and the download.
 */
import { useEffect, useState } from 'react';
import type { BounceOptions } from '../../runtime/bounce/protocol';
import { SUPPORTED_SAMPLE_RATES } from '../../runtime/offline';
import { Modal } from '../dialogs/Modal';
import { downloadBlob } from '../persistence/download';
import { BIT_DEPTHS, type BounceForm, DEFAULT_FORM, LOUDNESS_TARGETS, readBounceForm } from './bounceOptions';
import { BounceReport } from './BounceReport';
import { cancelBounceJob, resetBounceJob, setBounceDialogOpen, startBounceJob, useBounceJob } from './bounceJob';
import { CheckReport } from './CheckReport';
import { useCheckJob } from './checkJob';

/** The form is kept between openings of the dialog. */
let lastForm: BounceForm = DEFAULT_FORM;

/** The Export WAV dialog; `programmeSeconds` is the default length shown. */
export function BounceDialog({ onClose, programmeSeconds }: { onClose: () => void; programmeSeconds: number }) {
  const job = useBounceJob();
  const check = useCheckJob();
  const [form, setForm] = useState<BounceForm>(lastForm);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    setBounceDialogOpen(true);
    return () => setBounceDialogOpen(false);
  }, []);

  const run = () => {
    const read = readBounceForm(form);
    if (!read.ok) {
      setProblems(read.problems);
      return;
    }
    lastForm = form;
    setProblems([]);
    startBounceJob(read.options);
  };

  const set = (patch: Partial<BounceForm>) => setForm((f) => ({ ...f, ...patch }));
  const bitsLabel = (bits: BounceOptions['bits']) => BIT_DEPTHS.find((b) => b.bits === bits)?.label ?? String(bits);

  let body: React.ReactNode;
  let footer: React.ReactNode;
  if (job.kind === 'idle') {
    body = (
      <form
        id="bounce-form"
        className="bounce-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <p>Renders this graph with the offline engine — the same samples as <code>mixgraph render</code> — in the background.</p>
        <label className="form-row">
          <span>Length (seconds)</span>
          <input className="text-input" inputMode="decimal" value={form.seconds} placeholder={`${programmeSeconds.toFixed(1)} (whole programme)`} onChange={(e) => set({ seconds: e.target.value })} />
        </label>
        <label className="form-row">
          <span>Sample rate</span>
          <select className="select" value={form.sampleRate} onChange={(e) => set({ sampleRate: Number(e.target.value) })}>
            {SUPPORTED_SAMPLE_RATES.map((r) => (
              <option key={r} value={r}>
                {(r / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} kHz
              </option>
            ))}
          </select>
        </label>
        <label className="form-row">
          <span>Bit depth</span>
          <select className="select" value={String(form.bits)} onChange={(e) => set({ bits: BIT_DEPTHS.find((b) => String(b.bits) === e.target.value)?.bits ?? 24 })}>
            {BIT_DEPTHS.map((b) => (
              <option key={String(b.bits)} value={String(b.bits)}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <label className="form-row">
          <span>Loudness target</span>
          <select className="select" value={form.target} onChange={(e) => set({ target: e.target.value })}>
            <option value="none">None (as mixed)</option>
            {LOUDNESS_TARGETS.map((t) => (
              <option key={t.lufs} value={String(t.lufs)}>
                {t.label}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
        </label>
        {form.target === 'custom' && (
          <label className="form-row">
            <span>Target (LUFS)</span>
            <input className="text-input" inputMode="decimal" value={form.customLufs} onChange={(e) => set({ customLufs: e.target.value })} />
          </label>
        )}
        {form.target !== 'none' && <p className="muted small">A gain is applied so the integrated loudness hits the target; a limiter before the output keeps the peaks in check.</p>}
        {problems.length > 0 && (
          <ul className="field-error" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </form>
    );
    footer = (
      <>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
        <button type="submit" form="bounce-form" className="btn btn--primary">
          Render WAV
        </button>
      </>
    );
  } else if (job.kind === 'running') {
    const percent = Math.floor(job.fraction * 100);
    body = (
      <div className="bounce-progress">
        <p>
          Rendering <strong>{job.fileName}</strong> with the graph as it was when you started. Continue in the background to keep working:
          the Bounce button shows the progress, and the file downloads when it is done.
        </p>
        <progress className="progress" value={job.fraction} max={1} aria-label="Render progress" />
        <span className="bounce-progress__text" aria-live="polite">
          {percent} %
        </span>
      </div>
    );
    footer = (
      <>
        <button type="button" className="btn btn--danger" onClick={cancelBounceJob}>
          Cancel
        </button>
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Continue in background
        </button>
      </>
    );
  } else {
    const { result } = job;
    body =
      result.status === 'done' ? (
        <>
          <p>
            Saved <strong>{job.fileName}</strong> to your downloads.
          </p>
          <BounceReport report={result.report} bitsLabel={bitsLabel(job.options.bits)} />
          {result.report.warnings.map((w) => (
            <p key={w} className="issue issue--warning">
              {w}
            </p>
          ))}
          {check.kind === 'running' && (
            <p className="muted small" role="status" aria-busy="true">
              Checking translation: mono, platforms, MP3 round trips…
            </p>
          )}
          {check.kind === 'done' && <CheckReport report={check.report} />}
          {check.kind === 'error' && <p className="issue issue--error">Translation check: {check.message}</p>}
        </>
      ) : result.status === 'cancelled' ? (
        <p role="status">Cancelled: nothing was saved.</p>
      ) : (
        <>
          <p>The graph could not be rendered:</p>
          <ul className="issue-list">
            {result.messages.map((m) => (
              <li key={m} className="issue issue--error">
                {m}
              </li>
            ))}
          </ul>
        </>
      );
    footer = (
      <>
        {result.status === 'done' && (
          <button type="button" className="btn" onClick={() => downloadBlob(job.fileName, result.wav)}>
            Download again
          </button>
        )}
        <button type="button" className="btn" onClick={resetBounceJob}>
          New render…
        </button>
        <button type="button" className="btn btn--primary" onClick={onClose} autoFocus>
          Close
        </button>
      </>
    );
  }

  return (
    <Modal title="Export WAV" onDismiss={onClose} footer={footer}>
      {body}
    </Modal>
  );
}
