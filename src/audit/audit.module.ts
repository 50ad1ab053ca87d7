import { Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** The audit log: modules that record admin and treasurer actions import this module; the treasury module serves the log. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
