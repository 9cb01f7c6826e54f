/** "Help" from a node's context menu: what the node type does and what each of its params means. */
import type { NodeDefinition } from '../../../nodes/types';
import { Modal } from '../../dialogs/Modal';
import { shownParams } from '../../modules/nodeDefinitionOf';

/** The help dialog for one node type, from its definition (the single source of help text). */
export function NodeHelpDialog({ definition, onClose }: { definition: NodeDefinition; onClose: () => void }) {
  const params = shownParams(definition);
  return (
    <Modal
      title={`${definition.label} — help`}
      onDismiss={onClose}
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>{definition.help}</p>
      {params.length > 0 && (
        <dl className="node-help__params">
          {params.map((p) => (
            <div key={p.key}>
              <dt>{p.label}</dt>
              <dd>{p.help}</dd>
            </div>
          ))}
        </dl>
      )}
    </Modal>
  );
}
