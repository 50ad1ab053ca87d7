import { User } from '../auth/entities/user.entity.js';
import { Party } from '../parties/entities/party.entity.js';

/** Every TypeORM entity, listed by hand like the migrations. */
export const ENTITIES = [Party, User];
