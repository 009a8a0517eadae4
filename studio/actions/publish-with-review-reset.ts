/**
 * Publishing a changed body on a clinically reviewed page sets its review back to "Awaiting
 * clinical review" before it is published. Wraps the Studio's own publish action.
 */
import { useDocumentOperation, type DocumentActionComponent, type SanityDocument } from 'sanity';
import { resetReviewIfBodyChanged } from '../../src/content/guidance-rules.ts';

/** Wraps `publish` so a body change on a reviewed page goes back for review. */
export function createPublishWithReviewReset(publish: DocumentActionComponent): DocumentActionComponent {
  const PublishWithReviewReset: DocumentActionComponent = (props) => {
    const { patch } = useDocumentOperation(props.id, props.type);
    const original = publish(props);
    if (!original) return null;
    return {
      ...original,
      onHandle: () => {
        const review = resetReviewIfBodyChanged(props.published as (SanityDocument & { body?: unknown }) | null, props.draft as (SanityDocument & { body?: unknown; review?: { status?: string; reviewedOn?: string } }) | null);
        if (review) patch.execute([{ set: { review } }]);
        original.onHandle?.();
      },
    };
  };
  return PublishWithReviewReset;
}
