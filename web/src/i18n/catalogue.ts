import { adminMessages } from '../admin/messages';
import { businessMessages } from '../business/messages';
import { kassaMessages } from '../kassa/messages';
import { organisationMessages } from '../organisation/messages';
import { shellMessages } from '../shell/messages';
import { transparencyMessages } from '../transparency/messages';
import { treasurerMessages } from '../treasurer/messages';
import { volunteerMessages } from '../volunteer/messages';
import type { Language } from './define-messages';

/** Every text of the app in both languages; each part's English is checked against its Dutch by defineMessages. */
export const MESSAGES = {
  nl: {
    ...shellMessages.nl,
    ...kassaMessages.nl,
    ...volunteerMessages.nl,
    ...businessMessages.nl,
    ...organisationMessages.nl,
    ...transparencyMessages.nl,
    ...treasurerMessages.nl,
    ...adminMessages.nl,
  },
  en: {
    ...shellMessages.en,
    ...kassaMessages.en,
    ...volunteerMessages.en,
    ...businessMessages.en,
    ...organisationMessages.en,
    ...transparencyMessages.en,
    ...treasurerMessages.en,
    ...adminMessages.en,
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageKey = keyof typeof MESSAGES.nl;
