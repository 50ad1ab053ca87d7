import type { MessageKey } from '../i18n/catalogue';

/** An entry of the role menu: a path of the app and the key of its label. */
export interface MenuItem {
  to: string;
  label: MessageKey;
}
