import { canonicalJson, sha256Hex } from './canonical-json.js';

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

/**
 * hash = SHA-256(previous hash, newline, canonical JSON of the entry and its postings). Each entry
 * names the hash before it, so a changed, inserted or deleted entry breaks the chain from there on.
 */
export function entryHash(previousHash: string, content: HashedEntryContent): string {
  // Fields are named one by one: a caller passing a wider object must not change the hash.
  const hashed = {
    id: content.id,
    sequence: content.sequence,
    code: content.code,
    description: content.description,
    metadata: content.metadata,
    effectiveDate: content.effectiveDate,
    createdAt: content.createdAt,
    createdBy: content.createdBy,
    reversesEntryId: content.reversesEntryId,
    postings: content.postings.map((posting) => [posting.accountId, posting.amountMinor]),
  };
  return sha256Hex(`${previousHash}\n${canonicalJson(hashed)}`);
}
