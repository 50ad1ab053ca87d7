/** TypeORM entities of the volunteering module, gathered into src/database/entities.ts. */
export const VOLUNTEERING_ENTITIES: Function[] = [];
