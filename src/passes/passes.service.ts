import { AuditService } from '../audit/audit.service.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { PasswordHasher } from '../common/password-hasher.js';
import { isOverseer } from '../common/roles.js';
import { localDate } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import {
  NotFoundError,
  ValidationFailedError,
  InvariantViolation,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, type PageQueryDto, pageFrom, paginateQuery } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { type BlockReason, Pass, type PassStatus } from './entities/pass.entity.js';
import { PassPinFailure } from './entities/pass-pin-failure.entity.js';
import { formatPassNumber, generatePassNumber, readPassNumber } from './pass-number.js';
import {
  PassAlreadyActiveError,
  PassBlockedError,
  PassCheckDigitInvalidError,
  PassExpiredError,
  PassNotFoundError,
} from './passes.errors.js';
import { addDays, addYears } from './redemption-limits.js';
import { retryOnUniqueViolation } from '../database/idempotency.js';
import { forUpdate } from '../database/row-lock.js';

/** A pass is valid for two years from issue, through the day before its second anniversary. */
export const PASS_VALIDITY_YEARS = 2;
/** Random numbers collide rarely (11 random digits); a few draws always find a free one. */
const PASS_NUMBER_DRAWS_MAX = 5;
/** QR rendering: medium error correction survives a scratched print; 8 pixels a module scan well. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
const QR_PNG_SCALE = 8;

export const QR_FORMATS = ['png', 'svg'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];

export interface PassView {
  id: string;
  number: string;
  printedNumber: string;
  volunteerId: string;
  status: PassStatus;
  validFrom: string;
  validUntil: string;
  pinSet: boolean;
  blockedAt: string | null;
  blockedReason: BlockReason | null;
  createdAt: string;
}

/** Active, blocked, or expired: an active pass past its last day is expired, whether or not marked so. */
function effectiveStatus(pass: Pass, today: string): PassStatus {
  return pass.status === 'active' && pass.validUntil < today ? 'expired' : pass.status;
}

function passView(pass: Pass, today: string): PassView {
  return {
    id: pass.id,
    number: pass.number,
    printedNumber: formatPassNumber(pass.number),
    volunteerId: pass.volunteerPartyId,
    status: effectiveStatus(pass, today),
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    pinSet: pass.pinHash !== null,
    blockedAt: pass.blockedAt,
    blockedReason: pass.blockedReason,
    createdAt: pass.createdAt,
  };
}

/** Reads a pass number from input: a malformed one is a 400 on `field`, a wrong check digit its own 400. */
export function requirePassNumber(input: string, field: string): string {
  const reading = readPassNumber(input);
  if (reading.ok) return reading.number;
  if (reading.reason === 'checkDigit')
    throw new PassCheckDigitInvalidError(input.replace(/[\s-]/g, ''), field);
  throw new ValidationFailedError([{ field, code: 'PASS_NUMBER_FORMAT' }]);
}

/** Refuses a pass that cannot be used today: blocked or expired. */
export function assertUsable(pass: Pass, today: string): void {
  const status = effectiveStatus(pass, today);
  if (status === 'blocked') throw new PassBlockedError(pass.number);
  if (status === 'expired') throw new PassExpiredError(pass.number, pass.validUntil);
}

/**
 * Voordeelpassen: issued to a volunteer (by an admin or treasurer, or the volunteer for themselves),
 * one active at a time; blocked when lost (by the volunteer, an admin or a treasurer) and replaced
 * by a new number. The pass points at the volunteer, so the balance stays with the volunteer.
 * Only the volunteer, admins and treasurers see a pass; to anyone else it does not exist.
 */
@Injectable()
export class PassesService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly parties: PartiesService,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Issues a pass. A fixed id and number are for demo data only. */
  async issue(
    actor: AuthenticatedUser | null,
    volunteerId: string,
    options: { id?: string; number?: string } = {},
  ): Promise<PassView> {
    if (actor && !isOverseer(actor.role) && actor.partyId !== volunteerId)
      throw new NotFoundError('party', volunteerId);
    // Two issues raced on PostgreSQL and the other won: running again answers PASS_ALREADY_ACTIVE.
    return retryOnUniqueViolation(() =>
      this.database.transaction((tx) => this.issueInTransaction(tx, actor, volunteerId, options)),
    );
  }

  list(
    actor: AuthenticatedUser,
    query: PageQueryDto & { volunteerId?: string },
  ): Promise<Page<PassView>> {
    const volunteerId = isOverseer(actor.role) ? query.volunteerId : (actor.partyId ?? '');
    return this.database.read(async ({ manager }) => {
      const builder = manager.createQueryBuilder(Pass, 'pass');
      if (volunteerId !== undefined)
        builder.where('pass.volunteer_party_id = :volunteerId', { volunteerId });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'pass.created_at',
        idColumn: 'pass.id',
        page: query,
      });
      const today = this.today();
      return pageFrom(
        await builder.getMany(),
        limit,
        (pass) => ({ sortValue: pass.createdAt, id: pass.id }),
        (pass) => passView(pass, today),
      );
    });
  }

  async get(actor: AuthenticatedUser, numberInput: string): Promise<PassView> {
    return passView(await this.findVisible(actor, numberInput), this.today());
  }

  /** The pass number as a QR code, for the volunteer's phone or a print. Holds only the 12 digits, as a scanner types them. */
  async qrCode(
    actor: AuthenticatedUser,
    numberInput: string,
    format: QrFormat,
  ): Promise<{ number: string; contentType: string; body: Buffer }> {
    const pass = await this.findVisible(actor, numberInput);
    if (format === 'svg') {
      const svg = await QRCode.toString(pass.number, { ...QR_OPTIONS, type: 'svg' });
      return { number: pass.number, contentType: 'image/svg+xml', body: Buffer.from(svg, 'utf8') };
    }
    const png = await QRCode.toBuffer(pass.number, {
      ...QR_OPTIONS,
      type: 'png',
      scale: QR_PNG_SCALE,
    });
    return { number: pass.number, contentType: 'image/png', body: png };
  }

  /** Blocks a pass (lost, stolen, …); blocking a blocked pass changes nothing. A blocked pass stays blocked. */
  block(actor: AuthenticatedUser, numberInput: string, reason: BlockReason): Promise<PassView> {
    const number = requirePassNumber(numberInput, 'number');
    return this.database.transaction(async (tx) => {
      const pass = await this.lockVisible(tx, actor, number);
      if (pass.status !== 'blocked') {
        Object.assign(pass, {
          status: 'blocked',
          blockedAt: this.clock.now().toISOString(),
          blockedReason: reason,
          blockedBy: actor.id,
        });
        await tx.manager.update(
          Pass,
          { id: pass.id },
          {
            status: pass.status,
            blockedAt: pass.blockedAt,
            blockedReason: reason,
            blockedBy: actor.id,
          },
        );
        await this.audit.record(actor, {
          action: 'pass.block',
          subjectType: 'pass',
          subjectId: pass.id,
          details: { reason, volunteerId: pass.volunteerPartyId },
        });
      }
      return passView(pass, this.today());
    });
  }

  /**
   * Sets or changes the PIN (the volunteer only); stored as a peppered scrypt hash, and wrong
   * attempts start again from 0, also each business's (a business paused on this pass may try it
   * again).
   */
  async setPin(actor: AuthenticatedUser, numberInput: string, pin: string): Promise<void> {
    const number = requirePassNumber(numberInput, 'number');
    const pinHash = await this.hasher.hashPin(pin);
    await this.database.transaction(async (tx) => {
      const pass = await this.lockVisible(tx, actor, number);
      assertUsable(pass, this.today());
      await tx.manager.update(Pass, { id: pass.id }, { pinHash, pinFailures: 0 });
      await tx.manager.delete(PassPinFailure, { passId: pass.id });
    });
  }

  async removePin(actor: AuthenticatedUser, numberInput: string): Promise<void> {
    const number = requirePassNumber(numberInput, 'number');
    await this.database.transaction(async (tx) => {
      const pass = await this.lockVisible(tx, actor, number);
      assertUsable(pass, this.today());
      await tx.manager.update(Pass, { id: pass.id }, { pinHash: null, pinFailures: 0 });
      await tx.manager.delete(PassPinFailure, { passId: pass.id });
    });
  }

  /** The pass with this number, locked for the caller's transaction (a redemption's). */
  async lockByNumber(tx: Transaction, number: string): Promise<Pass> {
    const pass = await forUpdate(
      tx.manager.createQueryBuilder(Pass, 'pass').where('pass.number = :number', { number }),
      tx,
    ).getOne();
    if (!pass) throw new PassNotFoundError(number);
    return pass;
  }

  exists(passId: string): Promise<boolean> {
    return this.database.read(({ manager }) => manager.existsBy(Pass, { id: passId }));
  }

  findByNumber(number: string): Promise<Pass | null> {
    return this.database.read(({ manager }) => manager.findOneBy(Pass, { number }));
  }

  findByIds(tx: Transaction, ids: string[]): Promise<Pass[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.manager
      .createQueryBuilder(Pass, 'pass')
      .where('pass.id IN (:...ids)', { ids })
      .getMany();
  }

  private async issueInTransaction(
    tx: Transaction,
    actor: AuthenticatedUser | null,
    volunteerId: string,
    options: { id?: string; number?: string },
  ): Promise<PassView> {
    const party = await this.parties.findById(volunteerId);
    if (!party) throw new NotFoundError('party', volunteerId);
    if (party.kind !== 'volunteer')
      throw new ValidationFailedError([{ field: 'volunteerId', code: 'NOT_A_VOLUNTEER' }]);
    const today = this.today();
    const active = await forUpdate(
      tx.manager
        .createQueryBuilder(Pass, 'pass')
        .where('pass.volunteer_party_id = :volunteerId AND pass.status = :status', {
          volunteerId,
          status: 'active',
        }),
      tx,
    ).getMany();
    for (const pass of active) {
      if (effectiveStatus(pass, today) === 'active') throw new PassAlreadyActiveError(pass.number);
      // Past its last day: mark it expired, so the new pass is the one active pass.
      await tx.manager.update(Pass, { id: pass.id }, { status: 'expired' });
    }
    const pass = tx.manager.create(Pass, {
      id: options.id ?? randomUUID(),
      number: options.number ?? (await this.freeNumber(tx)),
      volunteerPartyId: volunteerId,
      status: 'active',
      validFrom: today,
      validUntil: addDays(addYears(today, PASS_VALIDITY_YEARS), -1),
      pinHash: null,
      pinFailures: 0,
      blockedAt: null,
      blockedReason: null,
      blockedBy: null,
      issuedBy: actor?.id ?? null,
      createdAt: this.clock.now().toISOString(),
    });
    await tx.manager.insert(Pass, pass);
    return passView(pass, today);
  }

  private async freeNumber(tx: Transaction): Promise<string> {
    for (let draw = 0; draw < PASS_NUMBER_DRAWS_MAX; draw += 1) {
      const number = generatePassNumber();
      if (!(await tx.manager.existsBy(Pass, { number }))) return number;
    }
    // Ten draws in a space of 9·10^10 numbers all taken: the number space itself is exhausted.
    throw new InvariantViolation('no free pass number found: the number space is nearly full');
  }

  private async findVisible(actor: AuthenticatedUser, numberInput: string): Promise<Pass> {
    const number = requirePassNumber(numberInput, 'number');
    const pass = await this.findByNumber(number);
    if (!pass || !this.maySee(actor, pass)) throw new PassNotFoundError(number);
    return pass;
  }

  private async lockVisible(
    tx: Transaction,
    actor: AuthenticatedUser,
    number: string,
  ): Promise<Pass> {
    const pass = await this.lockByNumber(tx, number);
    if (!this.maySee(actor, pass)) throw new PassNotFoundError(number);
    return pass;
  }

  private maySee(actor: AuthenticatedUser, pass: Pass): boolean {
    return (
      isOverseer(actor.role) ||
      (actor.role === 'volunteer' && actor.partyId === pass.volunteerPartyId)
    );
  }

  private today(): string {
    return localDate(this.clock.now());
  }
}
