/** TypeORM entities of the catalogue module, gathered into src/database/entities.ts. */
export const CATALOGUE_ENTITIES: Function[] = [];
