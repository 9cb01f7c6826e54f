/** A scrollable list of validation messages, as shown in import and share-link error dialogs. */
import type { GraphIssue } from '../../graph/types';

/** Validation messages, at most `max` of them. */
export function IssueList({ issues, max = 50 }: { issues: readonly GraphIssue[]; max?: number }) {
  const shown = issues.slice(0, max);
  return (
    <ul className="issue-list" aria-label="Problems found">
      {shown.map((issue, i) => (
        <li key={i}>{issue.message}</li>
      ))}
      {issues.length > max && <li>…and {issues.length - max} more</li>}
    </ul>
  );
}
