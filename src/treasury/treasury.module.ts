import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module.js';
import { TreasuryController } from './treasury.controller.js';
import { TreasuryService } from './treasury.service.js';

/** The treasurer's tools: trial balance, statements, exports. It reads the ledger; it never writes it. */
@Module({ imports: [PartiesModule], controllers: [TreasuryController], providers: [TreasuryService], exports: [TreasuryService] })
export class TreasuryModule {}
