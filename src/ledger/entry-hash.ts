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
  return sha256Hex(`${previousHash}\n${canonicalJson({
    ...content,
    postings: content.postings.map((posting) => [posting.accountId, posting.amountMinor]),
  })}`);
}
