/** Shows the first queued dialog request (see `store/dialogs.ts`). */
import { useState } from 'react';
import { type DialogRequest, closeCurrentDialog, useCurrentDialog } from '../store/dialogs';
import { Modal } from './Modal';

const keys = new WeakMap<DialogRequest, number>();
let nextKey = 1;

function keyOf(request: DialogRequest): number {
  let key = keys.get(request);
  if (key === undefined) {
    key = nextKey++;
    keys.set(request, key);
  }
  return key;
}

/** Renders the dialog at the head of the queue, if any. */
export function DialogHost() {
  const request = useCurrentDialog();
  if (request === undefined) return null;
  return <DialogView key={keyOf(request)} request={request} />;
}

function DialogView({ request }: { request: DialogRequest }) {
  switch (request.kind) {
    case 'choice':
      return <ChoiceView request={request} />;
    case 'prompt':
      return <PromptView request={request} />;
    case 'custom': {
      const close = () => {
        closeCurrentDialog();
        request.resolve();
      };
      return <>{request.render(close)}</>;
    }
  }
}

function ChoiceView({ request }: { request: Extract<DialogRequest, { kind: 'choice' }> }) {
  const finish = (choice: string | null) => {
    closeCurrentDialog();
    request.resolve(choice);
  };
  const alert = request.choices.some((c) => c.danger === true) || request.title.startsWith('Could not');
  return (
    <Modal
      title={request.title}
      alert={alert}
      onDismiss={() => finish(null)}
      footer={request.choices.map((choice) => (
        <button
          key={choice.id}
          type="button"
          className={`btn${choice.primary === true ? ' btn--primary' : ''}${choice.danger === true ? ' btn--danger' : ''}`}
          autoFocus={choice.primary === true}
          onClick={() => finish(choice.id)}
        >
          {choice.label}
        </button>
      ))}
    >
      {request.body}
    </Modal>
  );
}

function PromptView({ request }: { request: Extract<DialogRequest, { kind: 'prompt' }> }) {
  const [value, setValue] = useState(request.initial);
  const [problem, setProblem] = useState<string | undefined>();
  const finish = (result: string | null) => {
    closeCurrentDialog();
    request.resolve(result);
  };
  const submit = () => {
    const why = request.validate?.(value);
    if (why !== undefined) setProblem(why);
    else finish(value);
  };
  return (
    <Modal
      title={request.title}
      onDismiss={() => finish(null)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" form="prompt-form" className="btn btn--primary">
            {request.confirmLabel}
          </button>
        </>
      }
    >
      <form
        id="prompt-form"
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label htmlFor="prompt-input">{request.label}</label>
        <input
          id="prompt-input"
          className="text-input"
          value={value}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          aria-invalid={problem !== undefined}
          aria-describedby={problem !== undefined ? 'prompt-problem' : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(undefined);
          }}
        />
        {problem !== undefined && (
          <p id="prompt-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
