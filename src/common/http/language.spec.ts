import { preferredLanguage } from './language.js';

describe(preferredLanguage.name, () => {
  it.each([
    [undefined, 'en'],
    ['nl', 'nl'],
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en-GB,nl;q=0.5', 'en'],
    ['fr, nl;q=0.4', 'nl'],
    ['de', 'en'],
    ['en;q=0.2, nl;q=0.9', 'nl'],
    ['nl;q=0', 'en'],
  ])('reads %p as %p', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});
