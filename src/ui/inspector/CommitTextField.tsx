/**
 * A text field that edits a document string: typing changes a local draft; Enter or leaving the
 * field commits it as one undoable edit; Escape puts the stored value back.
 */
import { type InputHTMLAttributes, useEffect, useState } from 'react';

/** Props of `CommitTextField`; other input attributes pass through. */
export interface CommitTextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  /** Applies the text; returns a problem to show when it was refused. */
  onCommit: (text: string) => string | undefined;
  multiline?: boolean;
  /** Visible lines of a multiline field. */
  rows?: number;
}

/** A text field (or textarea) that commits on Enter or blur; see the file comment. */
export function CommitTextField({ value, onCommit, multiline, rows, className, ...rest }: CommitTextFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    setDraft(null);
    setProblem(undefined);
  }, [value]);

  const commit = () => {
    if (draft === null || draft === value) {
      setDraft(null);
      return;
    }
    const why = onCommit(draft);
    setProblem(why);
    if (why === undefined) setDraft(null);
  };
  const common = {
    className: `text-input${className !== undefined ? ` ${className}` : ''}`,
    value: draft ?? value,
    'aria-invalid': problem !== undefined,
    onBlur: commit,
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(null);
      setProblem(undefined);
    }
  };
  return (
    <>
      {multiline === true ? (
        <textarea
          {...(rest as unknown as React.TextareaHTMLAttributes<HTMLTextAreaElement>)}
          {...common}
          rows={rows}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
      ) : (
        <input {...rest} {...common} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
      )}
      {problem !== undefined && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
