import { entryHash, type HashedEntryContent } from './entry-hash.js';

const content: HashedEntryContent = {
  id: 'e1',
  sequence: 7n,
  code: 'TRANSFER',
  description: 'koffie',
  metadata: '{}',
  effectiveDate: '2026-11-23',
  createdAt: '2026-11-23T09:00:00.000Z',
  createdBy: null,
  reversesEntryId: null,
  postings: [
    { accountId: 'a', amountMinor: -250n },
    { accountId: 'b', amountMinor: 250n },
  ],
};

describe(entryHash.name, () => {
  it('is a stable SHA-256 of the previous hash and the content', () => {
    expect(entryHash('0'.repeat(64), content)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash('0'.repeat(64), content)).toBe(entryHash('0'.repeat(64), { ...content }));
  });

  it('ignores fields outside the hashed content', () => {
    const wider = { ...content, hash: 'x', previousHash: 'y' } as HashedEntryContent;
    expect(entryHash('0'.repeat(64), wider)).toBe(entryHash('0'.repeat(64), content));
  });

  it.each([
    [
      'an amount',
      {
        postings: [
          { accountId: 'a', amountMinor: -251n },
          { accountId: 'b', amountMinor: 251n },
        ],
      },
    ],
    [
      'an account',
      {
        postings: [
          { accountId: 'c', amountMinor: -250n },
          { accountId: 'b', amountMinor: 250n },
        ],
      },
    ],
    ['the description', { description: 'thee' }],
    ['the sequence', { sequence: 8n }],
    ['the effective date', { effectiveDate: '2026-11-22' }],
  ])('changes when %s changes', (_what, change) => {
    expect(entryHash('0'.repeat(64), { ...content, ...change })).not.toBe(
      entryHash('0'.repeat(64), content),
    );
  });

  it('changes with the previous hash: the chain', () => {
    expect(entryHash('1'.repeat(64), content)).not.toBe(entryHash('0'.repeat(64), content));
  });
});
