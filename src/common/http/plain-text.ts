import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Characters no name or description needs and that can deceive a reader or a program:
 * - C0 controls (U+0000–U+001F) and DEL, C1 controls (U+0080–U+009F): a description with a
 *   carriage return or escape sequence can forge log lines, terminal output or CSV rows;
 * - bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069), and the
 *   Arabic letter mark (U+061C): "Trojan Source" text that shows other than it reads, e.g. a
 *   payee's name whose digits appear reversed;
 * - zero-width space (U+200B), left-to-right and right-to-left marks (U+200E, U+200F), the
 *   zero-width no-break space / byte-order mark (U+FEFF) and the word joiner (U+2060): invisible,
 *   they make two names look alike that are not.
 * Allowed: the zero-width non-joiner and joiner (U+200C, U+200D), which emoji and some scripts
 * need; and, in multi-line fields only, tab, line feed and carriage return.
 */
const REFUSED_ALWAYS =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF';
const SINGLE_LINE_REFUSED = new RegExp(`[${REFUSED_ALWAYS}\\t\\n\\r]`, 'u');
const MULTI_LINE_REFUSED = new RegExp(`[${REFUSED_ALWAYS}]`, 'u');

/** True when the text holds none of the refused characters (tab, LF and CR only when multi-line). */
export function isPlainText(value: unknown, options: { multiline?: boolean } = {}): boolean {
  if (typeof value !== 'string') return true; // the field's type check answers for other types
  return !(options.multiline ? MULTI_LINE_REFUSED : SINGLE_LINE_REFUSED).test(value);
}

/**
 * The one validator of free text (names, titles, descriptions, reasons, notes): refuses control
 * characters, bidirectional overrides and invisible marks with 400 VALIDATION_FAILED, code
 * isPlainText. Refused rather than stripped: what is stored is what the sender typed.
 */
export function IsPlainText(
  options: { multiline?: boolean } = {},
  validationOptions?: ValidationOptions,
) {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: { validate: (value) => isPlainText(value, options) },
    },
    validationOptions,
  );
}
