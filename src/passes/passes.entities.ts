import { FiscalLimit } from './entities/fiscal-limit.entity.js';
import { Offer } from './entities/offer.entity.js';
import { OfferValueChange } from './entities/offer-value-change.entity.js';
import { Pass } from './entities/pass.entity.js';
import { PassPinFailure } from './entities/pass-pin-failure.entity.js';
import { PassesSetting } from './entities/passes-setting.entity.js';
import { Redemption } from './entities/redemption.entity.js';

/** TypeORM entities of the passes module, gathered into src/entities.ts. */
export const PASSES_ENTITIES: Array<new () => object> = [
  Pass,
  Offer,
  Redemption,
  FiscalLimit,
  PassesSetting,
  PassPinFailure,
  OfferValueChange,
];
