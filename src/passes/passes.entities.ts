/** TypeORM entities of the passes module, gathered into src/database/entities.ts. */
export const PASSES_ENTITIES: Function[] = [];
