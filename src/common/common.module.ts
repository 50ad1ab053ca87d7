import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';

/** Cross-cutting providers: the clock every time-dependent rule reads. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class CommonModule {}
