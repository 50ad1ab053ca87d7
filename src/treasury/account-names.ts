import type { AccountView } from '../ledger/ledger.types.js';
import type { PartyDto } from '../parties/dto/party.dto.js';

/** How an account is named for people and for accounting tools: its party's kind and name. */
export interface AccountLabel {
  accountId: string;
  /** 'organisation', 'volunteer', …, or 'system' for the issuance account. */
  group: string;
  name: string;
  partyId: string | null;
}

export function labelAccounts(
  accounts: AccountView[],
  parties: PartyDto[],
): Map<string, AccountLabel> {
  const partyById = new Map(parties.map((party) => [party.id, party]));
  const labels = new Map<string, AccountLabel>();
  for (const account of accounts) {
    const party = account.partyId ? partyById.get(account.partyId) : undefined;
    labels.set(account.id, {
      accountId: account.id,
      group: party?.kind ?? 'system',
      name: party?.name ?? account.systemName ?? account.id,
      partyId: account.partyId,
    });
  }
  return labels;
}

const shortId = (accountId: string) => accountId.slice(0, 8);

/** hledger: `organisation:Buurtcentrum Malberg 0b60674c`; no colons, semicolons or double spaces. */
export function hledgerAccountName(label: AccountLabel): string {
  if (label.group === 'system') return `equity:${label.name}`;
  const name = label.name.replace(/[:;]/g, '-').replace(/\s+/g, ' ').trim();
  return `${label.group}:${name} ${shortId(label.accountId)}`;
}

/** Beancount: `Assets:Organisation:BuurtcentrumMalberg-0b60674c`; ASCII letters and digits only. */
export function beancountAccountName(label: AccountLabel): string {
  if (label.group === 'system') return `Equity:${capitalise(asciiWords(label.name))}`;
  return `Assets:${capitalise(label.group)}:${capitalise(asciiWords(label.name)) || 'Party'}-${shortId(label.accountId)}`;
}

function asciiWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(capitalise)
    .join('');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
