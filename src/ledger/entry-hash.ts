import { hash } from 'node:crypto';

/** Everything of an entry that the chain protects: change any of it and the hash changes. */
export interface HashedEntryContent {
  id: string;
  sequence: bigint;
  code: string;
  description: string;
  metadata: string;
  effectiveDate: string;
  createdAt: string;
  createdBy: string | null;
  reversesEntryId: string | null;
  postings: ReadonlyArray<{ accountId: string; amountMinor: bigint }>;
}

/** The layout of the hashed text; a new layout gets a new version, so old chains stay checkable. */
const ENTRY_HASH_VERSION = 'v1';

/**
 * hash = SHA-256(version, previous hash, and the entry's fields and postings in a fixed order as a
 * JSON array). Each entry names the hash before it, so a changed, inserted or deleted entry breaks
 * the chain from there on. Fields are named one by one: a wider object must not change the hash.
 */
export function entryHash(previousHash: string, content: HashedEntryContent): string {
  const postings: Array<[string, string]> = [];
  for (const posting of content.postings)
    postings.push([posting.accountId, posting.amountMinor.toString()]);
  const fields = JSON.stringify([
    content.id,
    content.sequence.toString(),
    content.code,
    content.description,
    content.metadata,
    content.effectiveDate,
    content.createdAt,
    content.createdBy,
    content.reversesEntryId,
    postings,
  ]);
  return hash('sha256', `${ENTRY_HASH_VERSION}\n${previousHash}\n${fields}`, 'hex');
}
