import { isPlainText } from './plain-text.js';

describe('isPlainText', () => {
  it.each([
    ['a right-to-left override', 'Bakkerij \u202Eetnip'],
    ['a left-to-right embedding', '\u202AKoffie'],
    ['a first-strong isolate', 'Koffie \u2068x\u2069'],
    ['an Arabic letter mark', 'a\u061Cb'],
    ['a zero-width space', 'Kof\u200Bfie'],
    ['a right-to-left mark', 'Koffie\u200F'],
    ['a byte-order mark', '\uFEFFKoffie'],
    ['a bell (C0)', 'Koffie\u0007'],
    ['an escape (C0)', '\u001B[31mrood'],
    ['DEL', 'Koffie\u007F'],
    ['a C1 control', 'Koffie\u0085'],
    ['NUL', 'Koffie\u0000'],
  ])('refuses %s everywhere', (_, text) => {
    expect(isPlainText(text)).toBe(false);
    expect(isPlainText(text, { multiline: true })).toBe(false);
  });

  it.each([
    ['a line feed', 'regel 1\nregel 2'],
    ['a carriage return', 'regel 1\r\nregel 2'],
    ['a tab', 'kolom\tkolom'],
  ])('refuses %s on one line, allows it in a multi-line text', (_, text) => {
    expect(isPlainText(text)).toBe(false);
    expect(isPlainText(text, { multiline: true })).toBe(true);
  });

  it.each([
    'Koffie en vlaai',
    'Café Één — 2,50 €',
    'مقهى',
    'קפה',
    '👨‍👩‍👧 gezinsdag', // the zero-width joiner of an emoji sequence
    'ZWNJ: می‌خواهم',
    '=1+2',
  ])('allows ordinary text in any script: %s', (text) => {
    expect(isPlainText(text)).toBe(true);
  });

  it('leaves other types to the field’s own type check', () => {
    expect(isPlainText(42)).toBe(true);
    expect(isPlainText(undefined)).toBe(true);
  });
});
