/**
 * The one seam between the portal and where its content lives. Both the bundled dataset (groq-js)
 * and a real Sanity project (`@sanity/client`, wired in `site/`) answer GROQ through this shape,
 * so every query in `queries.ts` runs unchanged on either.
 */
export type GroqParams = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/** Which content source answered: the bundled NDJSON dataset or a Sanity project. */
export type ContentSourceKind = 'dataset' | 'sanity';

/** Anything that can run a GROQ query over published documents. */
export interface GroqSource {
  readonly kind: ContentSourceKind;
  /** Runs `query` with `params` and resolves with the raw result. */
  fetch(query: string, params: GroqParams): Promise<unknown>;
}

/** True for ids that Sanity keeps for unpublished work: drafts and release versions. */
export function isUnpublishedId(id: string): boolean {
  return id.startsWith('drafts.') || id.startsWith('versions.');
}
