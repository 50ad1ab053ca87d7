/** A benchmark knob from the environment: a positive whole number, or the fallback when unset. */
export function envInteger(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive whole number (got "${value}")`);
  return parsed;
}
