export const ROLES = [
  'admin',
  'treasurer',
  'org_manager',
  'business_operator',
  'volunteer',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see every party and account, not only their own. */
export const OVERSEEING_ROLES: readonly Role[] = ['admin', 'treasurer'];

export function isOverseer(role: Role): boolean {
  return OVERSEEING_ROLES.includes(role);
}
